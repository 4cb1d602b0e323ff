"""The form for an activity of a goal, and for a nämndmål the units that carry it out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.activities.models import Activity
from styrkedja.core.forms import StyledForm
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.org.models import OrgUnit

# Browsers send a date field's value as YYYY-MM-DD, the format plans print dates in.
DATE_FORMAT = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATE_FORMAT)


class ActivityForm(RevisionFormMixin, StyledForm):
    """An activity's text and dates; editing one, the revision it was shown at."""

    text = forms.CharField(
        label=_("Activity"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what the activity is.")},
    )
    starts_on = forms.DateField(
        label=_("Start date"), required=False, widget=DateInput(), input_formats=[DATE_FORMAT]
    )
    ends_on = forms.DateField(
        label=_("End date"), required=False, widget=DateInput(), input_formats=[DATE_FORMAT]
    )

    def __init__(
        self,
        *args: Any,
        units: list[OrgUnit] | None = None,
        activity: Activity | None = None,
        **kwargs: Any,
    ) -> None:
        """`units`: the units that may carry the activity out, or None where nobody is chosen
        (an activity of the unit's own goal, or of KF). `activity`: the one being edited."""
        super().__init__(*args, **kwargs)
        if activity is not None:
            self.add_revision_field(activity)
        if units is not None:
            field = forms.ModelMultipleChoiceField(
                label=_("Carried out by"),
                queryset=OrgUnit.objects.filter(pk__in=[unit.pk for unit in units]),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("The units of the committee that carry out the activity."),
            )
            # The choices come from the list already loaded, in its (Swedish) order,
            # so that rendering them costs no query.
            field.choices = [(unit.pk, unit.name) for unit in units]
            self.fields["units"] = field
            # Style the fields added after StyledForm.__init__ ran.
            self.style_fields()

    def edited_values(self) -> dict[str, Any]:
        """The activity's own fields, as cleaned (who carries it out is no field of it)."""
        return {name: self.cleaned_data[name] for name in ("text", "starts_on", "ends_on")}

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what the activity is."))
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned
