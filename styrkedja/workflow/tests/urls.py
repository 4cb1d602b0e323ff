"""The project's URLs with the delegation page mounted where the lead mounts it."""

from django.urls import include, path

from styrkedja.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("organisation/<int:unit_id>/delegering/", include("styrkedja.workflow.delegation_urls")),
]
