from django.urls import include, path

from styrkedja.reports import target_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="report"),
    path("utfall/", include("styrkedja.reports.outcome_urls")),
    path("aktiviteter/", include("styrkedja.reports.status_urls")),
    path("bedomning/", include("styrkedja.reports.assessment_urls")),
    path("arsmal/<int:indicator_id>/", target_views.target_page, name="target"),
]
