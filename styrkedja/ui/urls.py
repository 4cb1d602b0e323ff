from django.urls import path

from styrkedja.ui import views

app_name = "ui"
urlpatterns = [
    path("", views.start, name="start"),
    path("organisation/<int:unit_id>/<int:year>/", views.plan_page, name="plan"),
]
