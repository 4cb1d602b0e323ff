"""The indicator catalogue, mounted under indikatorkatalog/."""

from django.urls import path

from styrkedja.indicators import catalogue_views as views

app_name = "catalogue"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:indicator_id>/", views.edit, name="edit"),
]
