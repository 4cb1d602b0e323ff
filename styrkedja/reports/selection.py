"""What a unit reports on in a year: its own goals, and the indicators and activities it
follows, its own and those of the goals above that its plan includes or assigns to it.

Each function runs a fixed number of queries, however many goals there are.
"""

from __future__ import annotations

from django.db.models import F, Q

from styrkedja.activities.models import Activity
from styrkedja.goals.models import Goal
from styrkedja.indicators.models import GoalIndicator
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, Year

_ORDER = ("goal__level__depth", "goal__position", "goal_id", "position", "pk")


def own_goals(unit: OrgUnit, year: Year) -> list[Goal]:
    """The unit's own goals of the year, which it assesses, in plan order."""
    return list(
        Goal.objects.filter(owner=unit, year=year)
        .select_related("level", "parent")
        .order_by("parent__position", "parent_id", "position", "pk")
    )


def _in_the_units_plan(unit: OrgUnit, year: Year) -> dict[str, object]:
    """Lookups from a selection row (PlanIndicator, PlanActivity) to the unit's plan."""
    return {
        "plan_inclusions__plan_goal__plan__org_unit": unit,
        "plan_inclusions__plan_goal__plan__year": year,
        "plan_inclusions__plan_goal__plan__kind": PeriodKind.PLAN,
    }


def reported_indicators(unit: OrgUnit, year: Year) -> list[GoalIndicator]:
    """The indicators under the unit's own goals, then those its plan includes from above.

    Each comes as the GoalIndicator (the goal it is followed for, and the indicator).
    """
    included = {
        f"indicator__{lookup}": value for lookup, value in _in_the_units_plan(unit, year).items()
    }
    links = list(
        GoalIndicator.objects.filter(
            Q(goal__owner=unit, goal__year=year)
            | Q(**included, indicator__plan_inclusions__plan_goal__goal=F("goal"))
        )
        .distinct()
        .select_related("goal__level", "goal__owner", "indicator")
        .order_by(*_ORDER)
    )
    return [link for link in links if link.goal.owner_id == unit.pk] + [
        link for link in links if link.goal.owner_id != unit.pk
    ]


def reported_activities(unit: OrgUnit, year: Year) -> list[Activity]:
    """The activities of the unit's own goals, then those of goals above that are assigned
    to it or that its plan includes."""
    activities = list(
        Activity.objects.filter(
            Q(goal__owner=unit, goal__year=year)
            | Q(goal__year=year, assignments__org_unit=unit)
            | Q(**_in_the_units_plan(unit, year))
        )
        .distinct()
        .select_related("goal__level", "goal__owner")
        .order_by(*_ORDER)
    )
    return [a for a in activities if a.goal.owner_id == unit.pk] + [
        a for a in activities if a.goal.owner_id != unit.pk
    ]
