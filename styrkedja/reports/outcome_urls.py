"""The outcome pages of a report, under rapport/<unit>/<year>/<kind>/utfall/."""

from django.urls import path

from styrkedja.reports import outcome_views

urlpatterns = [
    path("", outcome_views.outcomes, name="outcomes"),
    path("excel/", outcome_views.download, name="outcomes_xlsx"),
    path("ladda-upp/", outcome_views.upload, name="outcomes_upload"),
]
