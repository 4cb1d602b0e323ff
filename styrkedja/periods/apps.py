from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodsConfig(AppConfig):
    name = "styrkedja.periods"
    label = "periods"
    verbose_name = _("years and periods")
