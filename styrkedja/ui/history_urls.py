from django.urls import path

from styrkedja.ui import history_views

app_name = "history"
urlpatterns = [
    path("", history_views.plan_history, name="index"),
    path("mal/<int:goal_id>/", history_views.goal_history, name="goal"),
]
