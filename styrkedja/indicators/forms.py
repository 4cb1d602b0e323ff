"""Forms of the indicator pages: catalogue search, a new indicator, an årsmål."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.validators import DecimalValidator
from django.utils.translation import gettext_lazy as _

from styrkedja.core.forms import StyledForm, StyledModelForm
from styrkedja.history.forms import FIELD as REVISION_FIELD
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.indicators import services
from styrkedja.indicators.models import Indicator, Target
from styrkedja.indicators.targets import KINDS_WITH_VALUE, TargetKind

SEARCH_MAX_LENGTH = 200


class SearchForm(StyledForm):
    q = forms.CharField(
        label=_("Search the indicator catalogue"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Type part of the name. Upper and lower case and å, ä, ö need not match."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, search_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Search as you type: htmx asks for the results alone; without JavaScript the
        # surrounding form is sent as a plain GET and the whole page comes back.
        self.fields["q"].widget.attrs.update(
            {
                "hx-get": search_url,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#indicator-search-results",
                "hx-swap": "outerHTML",
            }
        )

    @property
    def query(self) -> str:
        if not self.is_valid():
            return ""
        return " ".join(self.cleaned_data["q"].split())


class IndicatorForm(StyledModelForm):
    """A new indicator for the catalogue; its owner level follows the goal it is made for."""

    class Meta:
        model = Indicator
        fields = ["name", "unit", "periodicity", "by_sex", "direction", "source", "aggregation"]
        labels = {"unit": _("Unit of measure")}
        help_texts = {
            "name": _(
                "As the plan prints it. Put the scope in the name where it matters, "
                "e.g. “(stöd och service till personer med funktionsnedsättning)”."
            ),
            "unit": _("For example %, st, kr or index. Leave empty for a bare number."),
            "source": _("For example Stockholmsenkäten, a user survey or Kolada."),
            "aggregation": _("How the outcomes of several units add up to their committee's."),
        }
        widgets = {"name": forms.TextInput(), "source": forms.TextInput()}
        error_messages = {"name": {"required": _("Give the indicator a name.")}}

    # Set when the name is refused because the catalogue has it: the page offers it instead.
    # (A class default: a bound form is already cleaned inside __init__, by style_fields.)
    existing: Indicator | None = None

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the indicator a name."))
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name, periodicity = cleaned.get("name"), cleaned.get("periodicity")
        if name and periodicity:
            self.existing = services.find_same_indicator(name=name, periodicity=periodicity)
            if self.existing is not None:
                self.add_error(
                    "name",
                    _(
                        "The catalogue already has “%(name)s” with periodicity %(periodicity)s. "
                        "Add that one instead, or give the new indicator a name that tells "
                        "them apart."
                    )
                    % {
                        "name": self.existing.name,
                        "periodicity": self.existing.get_periodicity_display().lower(),
                    },
                )
        return cleaned


_NUMBER = re.compile(r"^[-−–]?\d+(?:[.,]\d+)?$")


def parse_decimal(text: str) -> Decimal | None:
    """A number as people type it in Sweden: "4,9", "4.9", "1 500", "−3"; None if it is not one."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ".").replace("−", "-").replace("–", "-"))
    except InvalidOperation:
        return None


class TargetForm(RevisionFormMixin, StyledForm):
    """An årsmål from its parts; the printed text ("70 %", "Max 10 personer") is composed.

    Its fields are named after the Target fields they set, so that a refused save can be
    compared with the stored target field by field.
    """

    kind = forms.ChoiceField(
        label=_("Kind of target"),
        choices=TargetKind.choices,
        help_text=_(
            "A value, an upper or lower bound and a band (+/-) need a value; "
            "the other kinds have none."
        ),
    )
    value = forms.CharField(
        label=_("Value"),
        required=False,
        max_length=30,
        help_text=_("A number, with a decimal comma if needed: 70 or 4,9."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    unit = forms.CharField(
        label=_("Unit of measure"),
        required=False,
        max_length=100,
        help_text=_("Printed after the value, e.g. st or personer. Only used with a value."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        help_text=_("For example when a target that is decided later will be set."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, year: int, current: Target | None, **kwargs: Any) -> None:
        self.year = year
        super().__init__(*args, **kwargs)
        # The revision of the target shown, or 0 for none yet: a target someone sets
        # meanwhile is then caught like an edit made meanwhile.
        self.fields[REVISION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            required=False,
            initial=0 if current is None else current.revision,
        )

    @classmethod
    def initial_for(cls, target: Target | None, indicator: Indicator) -> dict[str, object]:
        """What the form shows first: the current target, or a value in the indicator's unit."""
        if target is None:
            return {"kind": TargetKind.VALUE, "unit": indicator.unit}
        return {
            "kind": target.kind,
            "value": "" if target.value is None else services.printed_number(target.value),
            "unit": target.unit or indicator.unit,
            "comment": target.comment,
        }

    def clean_value(self) -> Decimal | None:
        text: str = self.cleaned_data["value"].strip()
        if not text:
            return None
        value = parse_decimal(text)
        if value is None:
            raise forms.ValidationError(_("Enter a number, such as 70 or 4,9."))
        DecimalValidator(max_digits=14, decimal_places=4)(value)
        return value

    def clean_unit(self) -> str:
        return " ".join(self.cleaned_data["unit"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, value, unit = cleaned.get("kind"), cleaned.get("value"), cleaned.get("unit", "")
        if kind is None or "value" in self.errors:
            return cleaned
        if kind in KINDS_WITH_VALUE:
            if value is None:
                self.add_error("value", _("This kind of target needs a value."))
                return cleaned
            if kind == TargetKind.BAND and value <= 0:
                self.add_error("value", _("A band is given as a positive number: 1 for +/- 1."))
                return cleaned
            text = services.compose_target_text(kind=kind, value=value, unit=unit, year=self.year)
            if not services.reads_back_as(text, kind=kind, value=value, unit=unit):
                self.add_error(
                    "unit", _("Write the unit without a leading number, e.g. st or personer.")
                )
        elif value is not None:
            self.add_error(
                "value",
                _("This kind of target has no value. Empty the field or choose another kind."),
            )
        return cleaned
