"""Writes to the indicator catalogue, goal indicators and targets shared by several callers."""

from __future__ import annotations

from collections.abc import Sequence

from styrkedja.core.changes import create_validated, update_changed_fields
from styrkedja.goals.models import Goal
from styrkedja.indicators.models import GoalIndicator, Indicator, Target
from styrkedja.indicators.targets import parse_target
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Year

# How plans print periodicity, and what it means.
PRINTED_PERIODICITY = {
    "tertial": Indicator.Periodicity.TERTIAL,
    "år": Indicator.Periodicity.YEAR,
    "månad": Indicator.Periodicity.MONTH,
    "halvår": Indicator.Periodicity.HALF_YEAR,
}


def periodicity_from_text(text: str) -> str | None:
    return PRINTED_PERIODICITY.get(" ".join(text.split()).lower())


def get_or_create_indicator(
    *, name: str, periodicity: str, owner_kind: str, unit: str = ""
) -> tuple[Indicator, bool]:
    """The catalogue entry with this name and periodicity (the catalogue is city-wide).

    An indicator reported per tertial one year and per year another is two
    definitions: outcomes of the one cannot be compared with the other's.
    """
    existing = Indicator.objects.filter(name=name, periodicity=periodicity).order_by("pk").first()
    if existing is not None:
        return existing, False
    indicator: Indicator = create_validated(
        Indicator, name=name, periodicity=periodicity, owner_kind=owner_kind, unit=unit
    )
    return indicator, True


def replace_goal_indicators(goal: Goal, indicators: Sequence[Indicator]) -> bool:
    """Follow exactly these indicators under the goal, in this order."""
    existing = {link.indicator_id: link for link in goal.goal_indicators.all()}
    changed = False
    for position, indicator in enumerate(indicators):
        link = existing.pop(indicator.pk, None)
        if link is None:
            create_validated(GoalIndicator, goal=goal, indicator=indicator, position=position)
            changed = True
        else:
            changed |= update_changed_fields(link, position=position)
    for link in existing.values():
        link.delete()
    return changed or bool(existing)


def add_goal_indicator(goal: Goal, indicator: Indicator) -> bool:
    if goal.goal_indicators.filter(indicator=indicator).exists():
        return False
    create_validated(
        GoalIndicator, goal=goal, indicator=indicator, position=goal.goal_indicators.count()
    )
    return True


def set_target(
    *, indicator: Indicator, org_unit: OrgUnit, year: Year, text: str, comment: str = ""
) -> bool:
    """Make the current target read `text`; True if anything was written.

    Until plans can be adopted (a later issue), a changed target is corrected
    in place rather than given a new version.
    """
    parsed = parse_target(text)
    values = {
        "kind": parsed.kind,
        "value": parsed.value,
        "unit": parsed.unit,
        "original_text": parsed.original_text,
        "comment": comment,
    }
    current = (
        Target.objects.filter(indicator=indicator, org_unit=org_unit, year=year)
        .order_by("-version")
        .first()
    )
    if current is None:
        create_validated(Target, indicator=indicator, org_unit=org_unit, year=year, **values)
        return True
    return update_changed_fields(current, **values)
