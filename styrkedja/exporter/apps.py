from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExporterConfig(AppConfig):
    name = "styrkedja.exporter"
    label = "exporter"
    verbose_name = _("export")
