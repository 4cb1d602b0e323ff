from django.urls import path

from styrkedja.indicators import views

app_name = "indicators"
urlpatterns = [
    path("<int:goal_id>/", views.goal_indicators, name="goal"),
    path("<int:goal_id>/sok/", views.search, name="search"),
    path("<int:goal_id>/lagg-till/", views.attach, name="attach"),
    path("<int:goal_id>/ny/", views.define, name="define"),
    path("<int:goal_id>/<int:indicator_id>/arsmal/", views.target, name="target"),
    path("<int:goal_id>/<int:indicator_id>/flytta/", views.move, name="move"),
    path("<int:goal_id>/<int:indicator_id>/ta-bort/", views.remove, name="remove"),
]
