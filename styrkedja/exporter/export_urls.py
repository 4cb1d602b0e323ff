"""The documents of a plan, mounted under plan/<plan_id>/export/ as namespace "exports"."""

from django.urls import path

from styrkedja.exporter import export_views

app_name = "exports"
urlpatterns = [
    path("", export_views.index, name="index"),
    path("<int:file_id>/", export_views.file_page, name="file"),
    path("<int:file_id>/ladda-ned/", export_views.download, name="download"),
]
