from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "styrkedja.indicators"
    label = "indicators"
    verbose_name = _("indicators")
