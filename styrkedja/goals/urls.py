from django.urls import path

from styrkedja.goals import views

app_name = "goals"
urlpatterns = [
    path("<int:parent_id>/nytt/", views.create, name="create"),
    path("<int:goal_id>/", views.edit, name="edit"),
    path("<int:goal_id>/flytta/", views.move, name="move"),
    path("<int:goal_id>/ta-bort/", views.delete, name="delete"),
    path("<int:goal_id>/resultat/nytt/", views.result_add, name="result_add"),
    path("<int:goal_id>/resultat/<int:result_id>/", views.result_edit, name="result_edit"),
    path("<int:goal_id>/resultat/<int:result_id>/flytta/", views.result_move, name="result_move"),
    path(
        "<int:goal_id>/resultat/<int:result_id>/ta-bort/",
        views.result_remove,
        name="result_remove",
    ),
]
