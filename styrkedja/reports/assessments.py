"""Goal assessments of a report: the facts each proposal rests on, read for many goals at
once, and saving a person's assessment.

The proposal rule itself is in proposal.py; this module reads what it needs in a fixed
number of queries however many goals, indicators and activities there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction

from styrkedja.activities.models import Activity
from styrkedja.goals.models import Goal
from styrkedja.history.writes import EditConflict, create_validated, update_edited
from styrkedja.indicators import target_versions
from styrkedja.indicators.models import GoalIndicator, Outcome, Target
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import ReportPeriod, Year
from styrkedja.reports import proposal
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.reports.services import get_or_create_report


def _total_outcomes(
    *, unit: OrgUnit, period: ReportPeriod, year: Year, indicator_ids: set[int]
) -> tuple[dict[int, Decimal | None], dict[int, Decimal | None]]:
    """The unit's total outcomes of the period and of the same period last year, by indicator."""
    rows = Outcome.objects.filter(
        org_unit=unit,
        sex=Outcome.Sex.TOTAL,
        indicator_id__in=indicator_ids,
        period__kind=period.kind,
        period__year__number__in=[year.number, year.number - 1],
    ).values_list("indicator_id", "period__year__number", "value")
    this_year: dict[int, Decimal | None] = {}
    last_year: dict[int, Decimal | None] = {}
    for indicator_id, number, value in rows:
        (this_year if number == year.number else last_year)[indicator_id] = value
    return this_year, last_year


def _target_facts(target: Target | None) -> proposal.TargetFacts | None:
    if target is None:
        return None
    return proposal.TargetFacts(kind=target.kind, value=target.value, text=str(target))


def proposals_for(
    *, unit: OrgUnit, year: Year, period: ReportPeriod, goals: Sequence[Goal]
) -> dict[int, proposal.Proposal]:
    """The system's proposal for each goal (of `unit`) in the period, by goal id."""
    links = list(
        GoalIndicator.objects.filter(goal__in=goals)
        .select_related("indicator")
        .order_by("goal_id", "position", "pk")
    )
    indicator_ids = {link.indicator_id for link in links}
    targets = target_versions.targets_in_force(
        unit=unit, period=period, indicator_ids=indicator_ids
    )
    outcomes, last_year = _total_outcomes(
        unit=unit, period=period, year=year, indicator_ids=indicator_ids
    )
    indicators: dict[int, list[proposal.IndicatorFacts]] = defaultdict(list)
    for link in links:
        indicator = link.indicator
        indicators[link.goal_id].append(
            proposal.IndicatorFacts(
                name=indicator.name,
                unit=indicator.unit,
                direction=indicator.direction,
                target=_target_facts(targets.get(indicator.pk)),
                outcome=outcomes.get(indicator.pk),
                last_year=last_year.get(indicator.pk),
            )
        )
    statuses = dict(
        ActivityStatus.objects.filter(
            org_unit=unit, period=period, activity__goal__in=goals
        ).values_list("activity_id", "status")
    )
    activities: dict[int, list[proposal.ActivityFacts]] = defaultdict(list)
    for activity in Activity.objects.filter(goal__in=goals).only("pk", "goal_id", "ends_on"):
        activities[activity.goal_id].append(
            proposal.ActivityFacts(status=statuses.get(activity.pk), ends_on=activity.ends_on)
        )
    return {
        goal.pk: proposal.propose(
            indicators[goal.pk], activities[goal.pk], period_ends_on=period.ends_on
        )
        for goal in goals
    }


def assessments_of(*, period: ReportPeriod, goals: Sequence[Goal]) -> dict[int, GoalAssessment]:
    """The saved assessments of the goals in the period, by goal id."""
    by_goal = {}
    for assessment in GoalAssessment.objects.filter(period=period, goal__in=goals):
        by_goal[assessment.goal_id] = assessment
    return by_goal


def save_assessment(
    *,
    unit: OrgUnit,
    year: Year,
    period: ReportPeriod,
    goal: Goal,
    base_revision: int | None,
    assessment: str,
    analysis: str,
    proposed: str,
) -> GoalAssessment:
    """Save a person's assessment of `goal`, made on `base_revision` (0: there was none yet).

    Raises EditConflict, writing nothing, when someone else saved an assessment of the goal
    after that revision and this one differs. The report is created with its first write.
    """
    values = {"assessment": assessment, "analysis": analysis, "proposed": proposed}
    with transaction.atomic():
        get_or_create_report(org_unit=unit, year=year, kind=period.kind)
        stored = GoalAssessment.objects.select_for_update().filter(goal=goal, period=period).first()
        if stored is None:
            try:
                created: GoalAssessment = create_validated(
                    GoalAssessment, goal=goal, period=period, **values
                )
            except IntegrityError:
                # Someone created it in the same moment (only possible where the database
                # does not serialise writers, as PostgreSQL does not).
                current = GoalAssessment.objects.get(goal=goal, period=period)
                raise EditConflict(current, 0) from None
            return created
        stored.goal = goal
        stored.period = period
        update_edited(stored, base_revision=base_revision, **values)
        return stored
