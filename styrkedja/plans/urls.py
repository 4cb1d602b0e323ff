from django.urls import path

from styrkedja.plans import views

app_name = "plans"
urlpatterns = [
    path("<int:plan_id>/redigera/", views.edit, name="edit"),
    path("<int:plan_id>/avsnitt/nytt/", views.section_create, name="section_create"),
    path("<int:plan_id>/avsnitt/<int:section_id>/", views.section_edit, name="section_edit"),
    path("<int:plan_id>/avsnitt/<int:section_id>/flytta/", views.section_move, name="section_move"),
    path(
        "<int:plan_id>/avsnitt/<int:section_id>/ta-bort/",
        views.section_delete,
        name="section_delete",
    ),
]
