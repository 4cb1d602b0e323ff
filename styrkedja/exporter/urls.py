"""Mounted at plan/<int:plan_id>/utskrift/ with the namespace "export"."""

from django.urls import path

from styrkedja.exporter import views

app_name = "export"
urlpatterns = [
    path("", views.print_view, name="print"),
]
