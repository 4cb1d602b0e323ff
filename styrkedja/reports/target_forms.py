"""Forms for a target in use: a new version by decision, or a "Fastställs" target set in T1."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.indicators.forms import TargetForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class SetWithFirstReportForm(TargetForm):
    """The parts of the target, and the version the user saw (a newer one refuses the save)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DecisionForm(SetWithFirstReportForm):
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("The body that decided the change, e.g. the committee or the city council."),
        error_messages={"required": _("Say who decided the change.")},
    )
    decided_on = forms.DateField(
        label=_("Decision date"),
        widget=DateInput(),
        error_messages={"required": _("Enter the date of the decision.")},
    )
    case_number = forms.CharField(label=_("Case number"), max_length=60, required=False)
    valid_from = forms.DateField(
        label=_("In force from"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to let it hold from the decision date."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start: datetime.date | None = cleaned.get("valid_from") or cleaned.get("decided_on")
        if start is not None and start.year != self.year:
            self.add_error(
                "valid_from" if cleaned.get("valid_from") else "decided_on",
                _("The new version must hold from a day of %(year)s.") % {"year": self.year},
            )
        return cleaned
