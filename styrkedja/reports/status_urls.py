from django.urls import path

from styrkedja.reports import status_views

urlpatterns = [
    path("", status_views.activities, name="activities"),
]
