from django.urls import path

from styrkedja.plans import rollover_views as views

app_name = "rollover"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:year>/klart/", views.done, name="done"),
]
