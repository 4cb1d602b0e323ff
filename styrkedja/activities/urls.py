from django.urls import path

from styrkedja.activities import views

# Mounted under plan/<int:plan_id>/aktiviteter/.
app_name = "activities"
urlpatterns = [
    path("<int:goal_id>/", views.goal_activities, name="goal"),
    path("<int:goal_id>/ny/", views.activity_create, name="create"),
    path("<int:goal_id>/<int:activity_id>/", views.activity_edit, name="edit"),
    path("<int:goal_id>/<int:activity_id>/flytta/", views.activity_move, name="move"),
    path("<int:goal_id>/<int:activity_id>/ta-bort/", views.activity_delete, name="delete"),
]
