from django.urls import path

from styrkedja.plans import inclusion_views as views

# Mounted under plan/<int:plan_id>/urval/.
app_name = "inclusion"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:goal_id>/", views.goal_inclusion, name="goal"),
    path("<int:goal_id>/ta-bort/", views.goal_remove, name="remove"),
]
