from django.urls import path

from styrkedja.reports import overview_views as views

app_name = "overview"
urlpatterns = [
    path("<int:year>/<slug:kind>/", views.overview, name="overview"),
    path("<int:year>/<slug:kind>/paminnelse/", views.remind, name="remind"),
]
