from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("styrkedja.ui.urls")),
    path("import/", include("styrkedja.importer.urls")),
    path("plan/", include("styrkedja.plans.urls")),
    path("plan/<int:plan_id>/mal/", include("styrkedja.goals.urls")),
    path("plan/<int:plan_id>/aktiviteter/", include("styrkedja.activities.urls")),
    path("plan/<int:plan_id>/indikatorer/", include("styrkedja.indicators.urls")),
    path("plan/<int:plan_id>/urval/", include("styrkedja.plans.inclusion_urls")),
    path("plan/<int:plan_id>/kommentarer/", include("styrkedja.comments.urls")),
    path("plan/<int:plan_id>/historik/", include("styrkedja.ui.history_urls")),
    path("plan/<int:plan_id>/export/", include("styrkedja.exporter.export_urls")),
    path("plan/<int:plan_id>/utskrift/", include("styrkedja.exporter.urls")),
    path("mallar/word/", include("styrkedja.exporter.template_urls")),
    path("organisation/<int:unit_id>/arsskifte/", include("styrkedja.plans.rollover_urls")),
    path("organisation/<int:unit_id>/hantera/", include("styrkedja.org.urls")),
    path("indikatorkatalog/", include("styrkedja.indicators.catalogue_urls")),
    path("rapport/<int:unit_id>/<int:year>/<slug:kind>/", include("styrkedja.reports.urls")),
    path("organisation/<int:unit_id>/uppfoljning/", include("styrkedja.reports.overview_urls")),
    path("plan/<int:plan_id>/arbetsflode/", include("styrkedja.workflow.urls")),
    path("organisation/<int:unit_id>/delegering/", include("styrkedja.workflow.delegation_urls")),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
