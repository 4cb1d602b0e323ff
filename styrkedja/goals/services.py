"""Writes to goals that more than one caller needs (the importer now, the editing views later)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from styrkedja.core.ordering import move_among
from styrkedja.goals import levels
from styrkedja.goals.models import ExpectedResult, Goal, GoalLevel
from styrkedja.history.writes import (
    check_revision,
    create_validated,
    delete_recorded,
    update_changed_fields,
    update_edited,
)
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, Year

TEXT_FIELDS = ("description", "ways_of_working", "resource_use", "follow_up", "development")


def save_goal(
    *,
    goal: Goal | None,
    level: GoalLevel,
    owner: OrgUnit,
    year: Year,
    parent: Goal | None,
    number: str,
    title: str,
    position: int,
    texts: dict[str, str] | None = None,
) -> tuple[Goal, bool]:
    """Create the goal, or update `goal` to these values; True if anything was written."""
    values = {
        "level": level,
        "owner": owner,
        "year": year,
        "parent": parent,
        "number": number,
        "title": title,
        "position": position,
        **(texts or {}),
    }
    if goal is None:
        return create_validated(Goal, **values), True
    return goal, update_changed_fields(goal, **values)


def replace_expected_results(goal: Goal, texts: Sequence[str]) -> bool:
    """Make the goal's expected results exactly `texts`, in order; True if anything changed.

    Results that stay keep their rows (and so their links from plans).
    """
    existing = list(goal.expected_results.all())
    by_text = {result.text: result for result in existing}
    changed = False
    kept: set[int] = set()
    for position, text in enumerate(texts):
        result = by_text.pop(text, None)
        if result is None:
            create_validated(ExpectedResult, goal=goal, text=text, position=position)
            changed = True
        else:
            kept.add(result.pk)
            changed |= update_changed_fields(result, position=position)
    stale = [result for result in existing if result.pk not in kept]
    for result in stale:
        delete_recorded(result.plan_inclusions.select_related("plan_goal"))
        delete_recorded([result])
    return changed or bool(stale)


def add_expected_result(goal: Goal, text: str) -> ExpectedResult:
    """Append an expected result to a shared goal (another plan showed one it lacked)."""
    last = goal.expected_results.aggregate(last=Max("position"))["last"]
    result: ExpectedResult = create_validated(
        ExpectedResult, goal=goal, text=text, position=(last or 0) + 1
    )
    return result


# Editing goals in a plan ---------------------------------------------------------------


def _position_after_children(parent: Goal) -> int:
    last = parent.children.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def add_goal(
    *,
    parent: Goal,
    owner: OrgUnit,
    level: GoalLevel,
    title: str,
    number: str = "",
    texts: dict[str, str] | None = None,
) -> Goal:
    """A new goal under `parent`, placed after the goals already there."""
    with transaction.atomic():
        goal, _created = save_goal(
            goal=None,
            level=level,
            owner=owner,
            year=parent.year,
            parent=parent,
            number=number,
            title=title,
            position=_position_after_children(parent),
            texts=texts,
        )
    return goal


def update_goal(goal: Goal, *, base_revision: int | None, **values: Any) -> bool:
    """Change the goal's title, number or texts, as edited from `base_revision`.

    Raises EditConflict, writing nothing, if someone saved the goal since.
    """
    with transaction.atomic():
        return update_edited(goal, base_revision=base_revision, **values)


def update_expected_result(result: ExpectedResult, *, base_revision: int | None, text: str) -> bool:
    with transaction.atomic():
        return update_edited(result, base_revision=base_revision, text=text)


def move_goal(*, goal: Goal, parent: Goal) -> bool:
    """Let the goal contribute to `parent` instead, last among the goals there.

    Goal.clean refuses a parent of the wrong level or year (ValidationError on "parent").
    """
    if goal.parent_id == parent.pk:
        return False
    with transaction.atomic():
        return update_changed_fields(goal, parent=parent, position=_position_after_children(parent))


class DeletionRefused(Exception):
    """The goal or expected result is used where it cannot go along; the message says where."""


def _plan_label(kind: str, year: int, unit_name: str) -> str:
    return _("%(kind)s %(year)s – %(unit)s") % {
        "kind": PeriodKind(kind).label.capitalize(),
        "year": year,
        "unit": unit_name,
    }


def _plan_labels(rows: Iterable[tuple[str, int, str]]) -> list[str]:
    return sorted({_plan_label(*row) for row in rows})


def plans_including_goals(goal_ids: Sequence[int]) -> list[str]:
    """The plans that show these goals, or their expected results or activities, from above.

    Such plans are other units' documents (some decided and locked), so these goals
    cannot be deleted under them.
    """
    plan = ("__plan__kind", "__plan__year__number", "__plan__org_unit__name")
    via_goal = Goal.objects.filter(pk__in=goal_ids, plan_inclusions__isnull=False).values_list(
        *(f"plan_inclusions{part}" for part in plan)
    )
    via_results = ExpectedResult.objects.filter(
        goal_id__in=goal_ids, plan_inclusions__isnull=False
    ).values_list(*(f"plan_inclusions__plan_goal{part}" for part in plan))
    via_activities = Goal.objects.filter(
        pk__in=goal_ids, activities__plan_inclusions__isnull=False
    ).values_list(*(f"activities__plan_inclusions__plan_goal{part}" for part in plan))
    return _plan_labels([*via_goal, *via_results, *via_activities])


def plans_including_expected_result(result: ExpectedResult) -> list[str]:
    rows = ExpectedResult.objects.filter(pk=result.pk, plan_inclusions__isnull=False).values_list(
        "plan_inclusions__plan_goal__plan__kind",
        "plan_inclusions__plan_goal__plan__year__number",
        "plan_inclusions__plan_goal__plan__org_unit__name",
    )
    return _plan_labels(rows)


def goals_below(goal: Goal) -> list[Goal]:
    """Every goal that contributes to `goal`, directly or further down, level by level."""
    found: list[Goal] = []
    frontier = [goal.pk]
    while frontier:
        children = list(
            Goal.objects.filter(parent_id__in=frontier).select_related("level", "owner")
        )
        found.extend(children)
        frontier = [child.pk for child in children]
    return found


@dataclass
class GoalDeletion:
    """What deleting a goal takes with it, and what stands in the way."""

    goal: Goal
    expected_results: list[ExpectedResult]
    activity_texts: list[str]
    indicator_names: list[str]
    goals_below: list[Goal]
    including_plans: list[str] = field(default_factory=list)

    @property
    def goals_of_others(self) -> list[Goal]:
        return [below for below in self.goals_below if below.owner_id != self.goal.owner_id]

    @property
    def refusals(self) -> list[str]:
        """Why the goal cannot be deleted, in words for the user; empty if it can."""
        reasons = []
        if self.goals_of_others:
            reasons.append(
                _(
                    "Other organisation units have goals that contribute to this goal: %(goals)s. "
                    "They must be moved or deleted first."
                )
                % {
                    "goals": "; ".join(
                        f"{g.heading} ({g.owner.name})" for g in self.goals_of_others
                    )
                }
            )
        if self.including_plans:
            reasons.append(
                _(
                    "Other plans include this goal or what belongs to it: %(plans)s. "
                    "It must be taken out of them first."
                )
                % {"plans": "; ".join(self.including_plans)}
            )
        return reasons


def describe_goal_deletion(goal: Goal) -> GoalDeletion:
    below = goals_below(goal)
    return GoalDeletion(
        goal=goal,
        expected_results=list(goal.expected_results.all()),
        activity_texts=[activity.text for activity in goal.activities.all()],
        indicator_names=[
            link.indicator.name for link in goal.goal_indicators.select_related("indicator")
        ],
        goals_below=below,
        including_plans=plans_including_goals([goal.pk, *(g.pk for g in below)]),
    )


def delete_goal(*, goal: Goal, base_revision: int | None = None) -> GoalDeletion:
    """Delete the goal with its expected results, activities, indicator links and own goals below.

    Raises DeletionRefused, and deletes nothing, where goals of other units hang on it or
    other plans include any of it; EditConflict where the goal changed after `base_revision`.
    """
    with transaction.atomic():
        check_revision(goal, base_revision)
        deletion = describe_goal_deletion(goal)
        if deletion.refusals:
            raise DeletionRefused(" ".join(deletion.refusals))
        # Goals below protect the ones they contribute to, so go from the bottom up.
        for below in reversed(deletion.goals_below):
            delete_goal_content(below)
        delete_goal_content(goal)
    return deletion


def move_expected_result(result: ExpectedResult, *, up: bool) -> bool:
    """Swap the expected result with its neighbour in the goal's list."""
    return move_among(ExpectedResult.objects.filter(goal_id=result.goal_id), result, up=up)


def remove_expected_result(*, result: ExpectedResult, base_revision: int | None = None) -> None:
    """Delete the expected result, unless other plans show it (DeletionRefused)."""
    with transaction.atomic():
        plans = plans_including_expected_result(result)
        if plans:
            raise DeletionRefused(
                _("Other plans include this expected result: %(plans)s.")
                % {"plans": "; ".join(plans)}
            )
        delete_recorded([result], base_revision=base_revision)


def delete_goal_content(goal: Goal) -> None:
    """Delete the goal with what hangs on it, each row recorded in the history.

    The caller has checked that no other plan or unit depends on it.
    """
    with transaction.atomic():
        delete_recorded(goal.expected_results.select_related("goal"))
        delete_recorded(goal.activities.select_related("goal"))
        delete_recorded(goal.goal_indicators.select_related("goal", "indicator"))
        delete_recorded([goal])


def ensure_standard_levels() -> None:
    """Create the standard goal levels that are missing (the demo and the importer use them).

    A city that renamed them keeps its names: only missing codes are created.
    """
    for code, name, depth, owner_kind, numbered in levels.STANDARD_LEVELS:
        GoalLevel.objects.get_or_create(
            code=code,
            defaults={"name": name, "depth": depth, "owner_kind": owner_kind, "numbered": numbered},
        )
