"""A nämnd's delegation setting, to be mounted at organisation/<unit_id>/delegering/."""

from django.urls import path

from styrkedja.workflow import delegation_views

app_name = "delegation"
urlpatterns = [
    path("", delegation_views.setting, name="setting"),
]
