"""Writes to goals that more than one caller needs (the importer now, the editing views later)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Max

from styrkedja.core.changes import create_validated, update_changed_fields
from styrkedja.goals.models import ExpectedResult, Goal, GoalLevel
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Year

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
        result.plan_inclusions.all().delete()
        result.delete()
    return changed or bool(stale)


def add_expected_result(goal: Goal, text: str) -> ExpectedResult:
    """Append an expected result to a shared goal (another plan showed one it lacked)."""
    last = goal.expected_results.aggregate(last=Max("position"))["last"]
    result: ExpectedResult = create_validated(
        ExpectedResult, goal=goal, text=text, position=(last or 0) + 1
    )
    return result
