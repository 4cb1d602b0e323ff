"""The forms of the workflow's confirmation pages; each carries the plan's revision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styrkedja.core.forms import StyledForm
from styrkedja.history.forms import FIELD as REVISION_FIELD
from styrkedja.org.forms import DateInput
from styrkedja.plans.models import Plan
from styrkedja.workflow.models import DelegationSetting


class TransitionForm(StyledForm):
    """A transition's confirmation: the revision of the plan the user saw."""

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not required, like every revision field: a request without it is checked by the
        # plan's status only.
        self.fields[REVISION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=1, required=False, initial=plan.revision
        )

    @property
    def base_revision(self) -> int | None:
        revision: int | None = self.cleaned_data.get(REVISION_FIELD)
        return revision


class ReturnForm(TransitionForm):
    comment = forms.CharField(
        label=_("Why is the plan returned?"),
        help_text=_("The author sees this on the plan's page until it is marked ready again."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say why the plan is returned.")},
    )


class ReopenForm(TransitionForm):
    comment = forms.CharField(
        label=_("Why is the plan reopened?"),
        help_text=_("Kept in the plan's workflow log."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the plan is reopened.")},
    )


class AdoptForm(TransitionForm):
    """The decision: its date, and its diarienummer (required when the nämnd decides)."""

    decided_on = forms.DateField(
        label=_("Decision date"),
        widget=DateInput(),
        error_messages={"required": _("Give the date of the decision.")},
    )
    case_number = forms.CharField(label=_("Case number"), max_length=60)

    def __init__(self, *args: Any, plan: Plan, decided_by_committee: bool, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "decided_on": plan.decided_on or timezone.localdate(),
                "case_number": plan.case_number,
            },
        )
        super().__init__(*args, plan=plan, **kwargs)
        case_number = self.fields["case_number"]
        case_number.required = decided_by_committee
        case_number.error_messages["required"] = _("Give the decision's case number.")
        if not decided_by_committee:
            case_number.help_text = _("If the decision has one.")
        self.style_fields()


class DelegationForm(StyledForm):
    adopting_role = forms.ChoiceField(
        label=_("Who adopts the units' plans and reports under delegation?"),
        choices=DelegationSetting.ROLE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "A role on the committee (or above it). The committee's own plan and reports are "
            "always decided by the committee, recorded by its administrator."
        ),
    )
