from django.urls import path

from styrkedja.exporter import template_views

app_name = "docx_templates"
urlpatterns = [
    path("", template_views.template_page, name="page"),
    path("standard/", template_views.reset, name="reset"),
    path("hamta/", template_views.download, {"shipped": False}, name="download"),
    path("hamta/standard/", template_views.download, {"shipped": True}, name="download_shipped"),
]
