"""Recorded values as people read them: a choice by its label, a number with the locale's
decimal comma, a tick as yes or no. The history page and the conflict report both show
values this way, so "60" and "60.0000" are one number and "ongoing" reads "pågår"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _


def plain_number(value: Any) -> str:
    """A decimal without trailing zeros and never in exponent form ("60", "4.9")."""
    return format(Decimal(str(value)).normalize(), "f")


def shown(field: models.Field[Any, Any] | None, value: Any) -> str:
    """A value as the history stores it, the way people read it on the page."""
    if value is None or value == "":
        return ""
    if isinstance(value, list):  # a JSON field (a section's tables)
        return ", ".join(shown(None, item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {shown(None, item)}" for key, item in value.items())
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DecimalField):
        return formats.number_format(Decimal(plain_number(value)), use_l10n=True)
    return str(value)


def model_field(object_type: str, name: str) -> models.Field[Any, Any] | None:
    """The model's field of that name as the model has it now (None once it is gone)."""
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return None
    return field if isinstance(field, models.Field) else None


def is_text(field: models.Field[Any, Any] | None) -> bool:
    """Free text, whose changes read best word by word."""
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices
