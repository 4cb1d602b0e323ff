"""The form assessing one goal in a report: the assessment, its analysis, and the revision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.goals.models import Goal
from styrkedja.history.forms import FIELD as REVISION_FIELD
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.reports.models import GoalAssessment
from styrkedja.reports.status_forms import PrefixedStyledForm

# The submit button that takes the system's proposal as the assessment.
ACCEPT = "accept_proposal"


def goal_prefix(goal: Goal) -> str:
    return f"goal-{goal.pk}"


class AssessmentForm(RevisionFormMixin, PrefixedStyledForm):
    """Met, partly met or not met, and the analysis behind it.

    With nothing saved yet the system's proposal is chosen to begin with; the page says so.
    """

    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=GoalAssessment.Assessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an assessment, or accept the proposal.")},
    )
    analysis = forms.CharField(
        label=_("Analysis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the outcomes and the activities show, and what the unit will do next."),
    )

    def __init__(
        self,
        *args: Any,
        goal: Goal,
        stored: GoalAssessment | None,
        proposed: str | None,
        **kwargs: Any,
    ) -> None:
        if stored is not None:
            initial: dict[str, Any] = {
                "assessment": stored.assessment,
                "analysis": stored.analysis,
            }
        else:
            initial = {"assessment": proposed or None}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, prefix=goal_prefix(goal), **kwargs)
        self.goal = goal
        self.stored = stored
        self.proposed = proposed or ""
        self.fields[REVISION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            required=False,
            initial=stored.revision if stored is not None else 0,
        )
        self.style_fields()

    def accept_proposal(self) -> None:
        """Take the system's proposal as the assessment, whatever was chosen."""
        data = self.data.copy()
        data[self.add_prefix("assessment")] = self.proposed
        self.data = data

    def edited_values(self) -> dict[str, Any]:
        return {
            "assessment": self.cleaned_data["assessment"],
            "analysis": self.cleaned_data["analysis"],
        }
