from django.urls import path

from styrkedja.importer import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/bekrafta/", views.confirm, name="confirm"),
    path("<int:job_id>/forlopp/", views.progress, name="progress"),
    path("<int:job_id>/forhandsgranska-igen/", views.preview_again, name="preview_again"),
]
