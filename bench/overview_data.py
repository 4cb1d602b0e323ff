"""make bench: a generated nämnd for the controller overview (issue #6), in the bench database.

60 units, each with 10 enhetsmål of 3 indicators and one activity, under the nämnd's 10
nämndmål of 3 indicators and one activity; every unit's operational plan includes all the
nämndmål with their indicators and activities, so the overview asks about 60 indicators and
20 activities per unit. The units' T1 reports come in four kinds, a quarter each: not
started, a half-done draft, complete and marked ready, complete and approved. Rows are
bulk-created (the benchmark measures reading them, and history is not needed for that).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from styrkedja.activities.models import Activity
from styrkedja.goals import levels
from styrkedja.goals.models import Goal, GoalLevel
from styrkedja.indicators.models import GoalIndicator, Indicator, Outcome
from styrkedja.org.models import OrgUnit, Role
from styrkedja.periods.models import PeriodKind, ReportPeriod, Year
from styrkedja.plans.models import Plan, PlanActivity, PlanGoal, PlanIndicator
from styrkedja.reports.models import ActivityStatus, GoalAssessment, Reminder
from styrkedja.testing import factories

UNITS = 60
GOALS_PER_UNIT = 10
INDICATORS_PER_GOAL = 3
COUNCIL_GOALS = 10
REVIEWER = "bench-granskare"


@dataclass
class OverviewCouncil:
    council: OrgUnit
    path: str  # the overview page of its T1
    username: str


def _indicators(count: int, label: str) -> list[Indicator]:
    return Indicator.objects.bulk_create(
        Indicator(name=f"{label} {number}", search_name=f"{label} {number}".lower())
        for number in range(count)
    )


def _goals_with_indicators(goals: list[Goal]) -> dict[int, list[Indicator]]:
    """Each goal gets INDICATORS_PER_GOAL new indicators; returns them by goal."""
    created = Goal.objects.bulk_create(goals)
    indicators = _indicators(len(created) * INDICATORS_PER_GOAL, "Bench-indikator")
    by_goal: dict[int, list[Indicator]] = {}
    links = []
    for index, goal in enumerate(created):
        own = indicators[index * INDICATORS_PER_GOAL : (index + 1) * INDICATORS_PER_GOAL]
        by_goal[goal.pk] = own
        links += [
            GoalIndicator(goal=goal, indicator=indicator, position=position)
            for position, indicator in enumerate(own)
        ]
    GoalIndicator.objects.bulk_create(links)
    return by_goal


def _activities(goals: list[Goal]) -> dict[int, Activity]:
    created = Activity.objects.bulk_create(
        Activity(goal=goal, text=f"Aktivitet för {goal.title}") for goal in goals
    )
    return {activity.goal_id: activity for activity in created}


def build_overview_council(*, year_number: int, password: str) -> OverviewCouncil:
    """The generated nämnd with its units, their plans and T1 reports, and a granskare."""
    with transaction.atomic():
        year = Year.objects.get(number=year_number)
        period = ReportPeriod.objects.get(year=year, kind=PeriodKind.T1)
        municipality = OrgUnit.objects.get(kind=OrgUnit.Kind.MUNICIPALITY)
        area = Goal.objects.filter(year=year, level__code=levels.AREA).order_by("pk").first()
        if area is None:
            raise RuntimeError(f"the demo has no KF area goal in {year_number}")
        council_level = GoalLevel.objects.get(code=levels.COUNCIL)
        unit_level = GoalLevel.objects.get(code=levels.UNIT)

        council = factories.create_org_unit(
            name="Benchmarknämnden", kind=OrgUnit.Kind.COUNCIL, parent=municipality
        )
        units = [
            factories.create_org_unit(name=f"Benchenhet {number:02}", parent=council)
            for number in range(UNITS)
        ]
        council_goals = [
            Goal(
                level=council_level,
                owner=council,
                year=year,
                parent=area,
                number=f"{area.number}.{number + 1}",
                title=f"Nämndmål {number + 1}",
                position=number,
            )
            for number in range(COUNCIL_GOALS)
        ]
        council_indicators = _goals_with_indicators(council_goals)
        council_goals = list(Goal.objects.filter(owner=council, year=year).order_by("position"))
        council_activities = _activities(council_goals)

        unit_goals = [
            Goal(
                level=unit_level,
                owner=unit,
                year=year,
                parent=council_goals[number % COUNCIL_GOALS],
                title=f"Enhetsmål {number + 1}",
                position=number,
            )
            for unit in units
            for number in range(GOALS_PER_UNIT)
        ]
        unit_indicators = _goals_with_indicators(unit_goals)
        goals_by_unit: dict[int, list[Goal]] = {}
        for goal in Goal.objects.filter(owner__in=units, year=year).order_by("pk"):
            goals_by_unit.setdefault(goal.owner_id, []).append(goal)
        unit_activities = _activities([g for goals in goals_by_unit.values() for g in goals])

        # Every unit's plan includes the nämndmål with their indicators and activities.
        plans = Plan.objects.bulk_create(
            Plan(org_unit=unit, year=year, kind=PeriodKind.PLAN) for unit in units
        )
        inclusions = PlanGoal.objects.bulk_create(
            PlanGoal(plan=plan, goal=goal) for plan in plans for goal in council_goals
        )
        PlanIndicator.objects.bulk_create(
            PlanIndicator(plan_goal=inclusion, indicator=indicator, position=position)
            for inclusion in inclusions
            for position, indicator in enumerate(council_indicators[inclusion.goal_id])
        )
        PlanActivity.objects.bulk_create(
            PlanActivity(plan_goal=inclusion, activity=council_activities[inclusion.goal_id])
            for inclusion in inclusions
        )

        # The T1 reports: a quarter each not started, half-done, ready, approved.
        outcomes, assessments, statuses, reports = [], [], [], []
        for number, unit in enumerate(units):
            kind = number % 4
            if kind == 0:
                continue
            share = 0.5 if kind == 1 else 1.0
            status = [Plan.Status.DRAFT, Plan.Status.READY, Plan.Status.APPROVED][kind - 1]
            reports.append(Plan(org_unit=unit, year=year, kind=PeriodKind.T1, status=status))
            goals = goals_by_unit[unit.pk]
            done = goals[: int(len(goals) * share)]
            indicators = [i for goal in done for i in unit_indicators[goal.pk]]
            indicators += [i for goal in council_goals for i in council_indicators[goal.pk]][
                : int(COUNCIL_GOALS * INDICATORS_PER_GOAL * share)
            ]
            outcomes += [
                Outcome(indicator=indicator, org_unit=unit, period=period, value=50)
                for indicator in indicators
            ]
            assessments += [
                GoalAssessment(goal=goal, period=period, assessment="partly_met") for goal in done
            ]
            activities = [unit_activities[goal.pk] for goal in done]
            activities += [council_activities[goal.pk] for goal in council_goals][
                : int(COUNCIL_GOALS * share)
            ]
            statuses += [
                ActivityStatus(activity=activity, org_unit=unit, period=period, status="ongoing")
                for activity in activities
            ]
        Plan.objects.bulk_create(reports)
        Outcome.objects.bulk_create(outcomes)
        GoalAssessment.objects.bulk_create(assessments)
        ActivityStatus.objects.bulk_create(statuses)

        reviewer = factories.create_user(
            username=REVIEWER, password=password, first_name="Bench", last_name="Granskare"
        )
        factories.create_membership(user=reviewer, org_unit=council, role=Role.REVIEWER)
        Reminder.objects.bulk_create(
            Reminder(
                council=council,
                period=period,
                unit=unit,
                sent_at=timezone.now(),
                sent_by=reviewer,
                recipients=["enhet@example.org"],
            )
            for unit in units[::8]
        )
    return OverviewCouncil(
        council=council,
        path=reverse("overview:overview", args=[council.pk, year_number, "t1"]),
        username=REVIEWER,
    )
