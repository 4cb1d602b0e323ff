"""The form for what a plan shows of a goal above its unit: the goal's title and description
in the plan's own words, and which expected results and activities, each in the shared
wording or the plan's own."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.activities.models import Activity
from styrkedja.core.forms import StyledForm
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.plans.models import PlanGoal


@dataclass
class InclusionItem:
    """One expected result or activity of the goal, with its two fields in the form."""

    item: ExpectedResult | Activity
    shown: forms.BoundField
    wording: forms.BoundField
    # For an activity: whether the nämnd gave it to the plan's unit (or a unit above it).
    assigned_here: bool = False


class InclusionForm(RevisionFormMixin, StyledForm):
    """The plan's wording of the goal, checked against the revision of its inclusion (if the
    plan shows the goal already), and its choice of the goal's items.

    Only the title and description are checked: the items are a selection whose rows come
    and go as they are ticked, and the form replaces them as a whole.
    """

    title = forms.CharField(
        label=_("Title in this plan"),
        required=False,
        help_text=_("Leave empty to use the goal's title."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description in this plan"),
        required=False,
        help_text=_("Leave empty to use the goal's description."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        goal: Goal,
        inclusion: PlanGoal | None,
        expected_results: Sequence[ExpectedResult],
        activities: Sequence[Activity],
        assigned_ids: Set[int] = frozenset(),
        **kwargs: Any,
    ) -> None:
        self._goal = goal
        self._items: list[tuple[str, ExpectedResult | Activity]] = [
            *((f"result_{result.pk}", result) for result in expected_results),
            *((f"activity_{activity.pk}", activity) for activity in activities),
        ]
        self._assigned_ids = assigned_ids
        super().__init__(*args, **kwargs)
        if inclusion is not None:
            self.add_revision_field(inclusion)
        for name, _item in self._items:
            self.fields[name] = forms.BooleanField(label=_("Show in the plan"), required=False)
            self.fields[f"{name}_text"] = forms.CharField(
                label=_("Own wording in this plan"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # Style the fields added after StyledForm.__init__ ran.
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("title", "description"):
            # The goal's own text typed again is no wording of the plan's own.
            if cleaned.get(name) == getattr(self._goal, name).strip():
                cleaned[name] = ""
        for name, item in self._items:
            wording = (cleaned.get(f"{name}_text") or "").strip()
            # The shared text typed again is no wording of the plan's own.
            cleaned[f"{name}_text"] = "" if wording == item.text.strip() else wording
            if cleaned[f"{name}_text"] and not cleaned.get(name):
                self.add_error(
                    f"{name}_text", _("Tick “Show in the plan” to show it in your own wording.")
                )
        return cleaned

    def edited_values(self) -> dict[str, Any]:
        """The plan's wording of the goal, as cleaned: the fields of its PlanGoal."""
        return {name: self.cleaned_data[name] for name in ("title", "description")}

    def _items_of(self, prefix: str) -> list[InclusionItem]:
        return [
            InclusionItem(
                item=item,
                shown=self[name],
                wording=self[f"{name}_text"],
                assigned_here=prefix == "activity" and item.pk in self._assigned_ids,
            )
            for name, item in self._items
            if name.startswith(f"{prefix}_")
        ]

    @property
    def result_items(self) -> list[InclusionItem]:
        return self._items_of("result")

    @property
    def activity_items(self) -> list[InclusionItem]:
        return self._items_of("activity")

    def _chosen(self, prefix: str) -> list[tuple[Any, str]]:
        return [
            (item, self.cleaned_data[f"{name}_text"])
            for name, item in self._items
            if name.startswith(f"{prefix}_") and self.cleaned_data.get(name)
        ]

    def chosen_results(self) -> list[tuple[ExpectedResult, str]]:
        return self._chosen("result")

    def chosen_activities(self) -> list[tuple[Activity, str]]:
        return self._chosen("activity")
