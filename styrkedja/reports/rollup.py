"""The content of a report page, read-only: the unit's goals with their assessments,
activities and indicators, and for a nämnd (or the city) the roll-up of the units below.

The roll-up puts under each of the nämnd's goals its units' goals (enhetsmål) with their
assessments, and for each indicator the units report there, their outcomes side by side
and an aggregate by the indicator's rule. The city's report rolls up the nämnder under the
KF goals the same way. Building it all costs a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from styrkedja.activities.models import Activity
from styrkedja.core.collation import swedish_sort_key
from styrkedja.goals.models import Goal
from styrkedja.indicators.models import GoalIndicator, Indicator, Outcome, Target
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import PlanIndicator
from styrkedja.reports import selection
from styrkedja.reports.charts import ChartData, ReportedFigures, format_number, format_with_unit
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.reports.reading import ReportContext

Aggregation = Indicator.Aggregation

# Reports of these kinds of unit roll up the goals and outcomes of the units below.
ROLLING_UP_KINDS = (OrgUnit.Kind.COUNCIL, OrgUnit.Kind.MUNICIPALITY)


# Aggregation ------------------------------------------------------------------------------


def aggregate(
    rule: str,
    values: Sequence[Decimal | None],
    weights: Sequence[Decimal | None] | None = None,
) -> Decimal | None:
    """The units' outcomes combined by the indicator's rule; None when the rule gives none.

    Units without an outcome are left out. A weighted mean needs a weight for every unit
    with an outcome, and weights that do not add up to zero.
    """
    present = [(index, value) for index, value in enumerate(values) if value is not None]
    if rule == Aggregation.NONE or not present:
        return None
    if rule == Aggregation.SUM:
        return sum((value for _index, value in present), Decimal(0))
    if rule == Aggregation.MEAN:
        return _rounded(sum((value for _index, value in present), Decimal(0)) / len(present))
    if rule == Aggregation.WEIGHTED_MEAN:
        if weights is None:
            return None
        pairs = [(value, weights[index]) for index, value in present]
        if any(weight is None for _value, weight in pairs):
            return None
        total = sum((weight for _value, weight in pairs if weight is not None), Decimal(0))
        if total == 0:
            return None
        weighted = sum(
            (value * weight for value, weight in pairs if weight is not None), Decimal(0)
        )
        return _rounded(weighted / total)
    raise ValueError(f"Unknown aggregation rule {rule!r}.")


def _rounded(value: Decimal) -> Decimal:
    # A mean of whole numbers may have endless decimals; two are enough to read.
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rule_text(rule: str) -> str:
    """The rule in words, as the roll-up table shows it."""
    texts: dict[str, str] = {
        Aggregation.SUM: _("Sum of the units' outcomes"),
        Aggregation.MEAN: _("Mean of the units' outcomes"),
        Aggregation.WEIGHTED_MEAN: _("Weighted mean of the units' outcomes"),
        Aggregation.NONE: _("Not aggregated: each unit's outcome stands on its own"),
    }
    return texts[rule]


# What the page shows ---------------------------------------------------------------------


@dataclass
class IndicatorEntry:
    """An indicator under a goal: the unit's outcome in the period, the target, the chart."""

    indicator: Indicator
    outcome: Outcome | None
    outcome_text: str
    by_sex: list[tuple[str, str]]
    target: Target | None
    target_text: str
    chart: ChartData


@dataclass
class ActivityEntry:
    activity: Activity
    status: ActivityStatus | None


@dataclass
class BelowGoal:
    """A goal of a unit below (an enhetsmål under a nämndmål) with its assessment."""

    goal: Goal
    assessment: GoalAssessment | None


@dataclass
class UnitOutcome:
    unit: OrgUnit
    outcome: Outcome | None
    text: str


@dataclass
class IndicatorRollup:
    """One indicator's outcomes from the units below, side by side, and their aggregate."""

    key: str
    indicator: Indicator
    rows: list[UnitOutcome]
    value: Decimal | None
    value_text: str
    rule: str
    note: str

    @property
    def reported(self) -> int:
        return sum(1 for row in self.rows if row.outcome is not None)


@dataclass
class GoalSection:
    goal: Goal
    # False for a goal above the unit, whose indicators or activities the unit reports on
    # but which it does not assess.
    own: bool
    assessment: GoalAssessment | None = None
    indicators: list[IndicatorEntry] = field(default_factory=list)
    activities: list[ActivityEntry] = field(default_factory=list)
    below: list[BelowGoal] = field(default_factory=list)
    rollups: list[IndicatorRollup] = field(default_factory=list)


@dataclass
class ReportContent:
    own_goals: list[GoalSection]
    goals_above: list[GoalSection]
    rolls_up: bool


def build_report_content(ctx: ReportContext) -> ReportContent:
    """Everything the report page shows below its parts, in a fixed number of queries."""
    unit, year, period = ctx.unit, ctx.year, ctx.period
    goals = selection.own_goals(unit, year)
    links = selection.reported_indicators(unit, year)
    activities = selection.reported_activities(unit, year)
    rolls_up = unit.kind in ROLLING_UP_KINDS

    sections: dict[int, GoalSection] = {goal.pk: GoalSection(goal=goal, own=True) for goal in goals}
    for link in links:
        sections.setdefault(link.goal_id, GoalSection(goal=link.goal, own=False))
    for activity in activities:
        sections.setdefault(activity.goal_id, GoalSection(goal=activity.goal, own=False))

    below = _goals_below(unit, goals) if rolls_up else []
    assessments = _assessments([*goals, *below], ctx)
    for section in sections.values():
        if section.own:
            section.assessment = assessments.get(section.goal.pk)

    figures = ReportedFigures(unit, period, (link.indicator_id for link in links))
    for link in links:
        sections[link.goal_id].indicators.append(_indicator_entry(link, figures))

    statuses = {
        status.activity_id: status
        for status in ActivityStatus.objects.filter(
            activity__in=activities, org_unit=unit, period=period
        )
    }
    for activity in activities:
        sections[activity.goal_id].activities.append(
            ActivityEntry(activity, statuses.get(activity.pk))
        )

    if rolls_up:
        _roll_up(ctx, [sections[goal.pk] for goal in goals], below, assessments)

    return ReportContent(
        own_goals=[section for section in sections.values() if section.own],
        goals_above=sorted(
            (section for section in sections.values() if not section.own),
            key=lambda section: (section.goal.level.depth, section.goal.position, section.goal.pk),
        ),
        rolls_up=rolls_up,
    )


def _assessments(goals: Sequence[Goal], ctx: ReportContext) -> dict[int, GoalAssessment]:
    if not goals:
        return {}
    return {
        assessment.goal_id: assessment
        for assessment in GoalAssessment.objects.filter(goal__in=goals, period=ctx.period)
    }


def _indicator_entry(link: GoalIndicator, figures: ReportedFigures) -> IndicatorEntry:
    indicator = link.indicator
    outcome = figures.outcome(indicator.pk)
    by_sex = []
    if indicator.by_sex:
        for sex in (Outcome.Sex.WOMEN, Outcome.Sex.MEN):
            found = figures.outcome(indicator.pk, sex)
            by_sex.append((str(Outcome.Sex(sex).label), _value_text(found, indicator)))
    target = figures.target(indicator.pk)
    chart = figures.chart(f"chart-{link.goal_id}-{indicator.pk}", indicator)
    return IndicatorEntry(
        indicator=indicator,
        outcome=outcome,
        outcome_text=_value_text(outcome, indicator),
        by_sex=by_sex,
        target=target,
        target_text=chart.target.label if chart.target else "",
        chart=chart,
    )


def _value_text(outcome: Outcome | None, indicator: Indicator) -> str:
    if outcome is None or outcome.value is None:
        return ""
    return format_with_unit(outcome.value, indicator.unit)


# Roll-up ---------------------------------------------------------------------------------


def _goals_below(unit: OrgUnit, goals: Sequence[Goal]) -> list[Goal]:
    """The goals of units below that contribute to the unit's own goals."""
    if not goals:
        return []
    return list(
        Goal.objects.filter(parent__in=goals)
        .exclude(owner=unit)
        .select_related("owner", "level")
        .order_by("position", "pk")
    )


def _roll_up(
    ctx: ReportContext,
    sections: Sequence[GoalSection],
    below: Sequence[Goal],
    assessments: dict[int, GoalAssessment],
) -> None:
    """Hang the goals below and the units' outcomes on each of the unit's own goals.

    A unit reports an indicator under one of the goals if the indicator belongs to the
    unit's own goal below it, or if the unit's plan includes the indicator under it.
    """
    by_section = {section.goal.pk: section for section in sections}
    # Grouped by unit, in Swedish order, so that a reader finds each unit's goals together.
    for goal in sorted(below, key=lambda goal: swedish_sort_key(goal.owner.name)):
        if goal.parent_id in by_section:
            by_section[goal.parent_id].below.append(BelowGoal(goal, assessments.get(goal.pk)))

    # (own goal, indicator) → the units reporting it, in order of first appearance.
    reporters: dict[tuple[int, int], dict[int, OrgUnit]] = {}
    indicators: dict[int, Indicator] = {}
    owners = {goal.pk: goal for goal in below}
    for link in GoalIndicator.objects.filter(goal__in=below).select_related("indicator"):
        goal = owners[link.goal_id]
        assert goal.parent_id is not None  # a goal below hangs on one of the unit's goals
        indicators[link.indicator_id] = link.indicator
        reporters.setdefault((goal.parent_id, link.indicator_id), {})[goal.owner_id] = goal.owner
    for item in _included_indicators(ctx, sections):
        plan_unit = item.plan_goal.plan.org_unit
        indicators[item.indicator_id] = item.indicator
        key = (item.plan_goal.goal_id, item.indicator_id)
        reporters.setdefault(key, {})[plan_unit.pk] = plan_unit

    unit_ids = {unit_id for units in reporters.values() for unit_id in units}
    outcomes = _unit_outcomes(ctx, {indicator for _goal, indicator in reporters}, unit_ids)
    for section in sections:
        section_indicators = [
            indicator_id for goal_id, indicator_id in reporters if goal_id == section.goal.pk
        ]
        for indicator_id in _in_section_order(section, section_indicators):
            units = sorted(
                reporters[(section.goal.pk, indicator_id)].values(),
                key=lambda unit: swedish_sort_key(unit.name),
            )
            section.rollups.append(
                _indicator_rollup(
                    f"rollup-{section.goal.pk}-{indicator_id}",
                    indicators[indicator_id],
                    units,
                    outcomes,
                )
            )


def _included_indicators(
    ctx: ReportContext, sections: Sequence[GoalSection]
) -> list[PlanIndicator]:
    """The indicators of the unit's own goals that plans of units below include."""
    if not sections:
        return []
    return list(
        PlanIndicator.objects.filter(
            plan_goal__goal__in=[section.goal for section in sections],
            plan_goal__plan__kind=PeriodKind.PLAN,
            plan_goal__plan__year=ctx.year,
            plan_goal__plan__org_unit__path__startswith=ctx.unit.path,
        )
        .exclude(plan_goal__plan__org_unit=ctx.unit)
        .select_related("indicator", "plan_goal__plan__org_unit")
        .order_by("position", "pk")
    )


def _unit_outcomes(
    ctx: ReportContext, indicator_ids: set[int], unit_ids: set[int]
) -> dict[tuple[int, int], Outcome]:
    if not (indicator_ids and unit_ids):
        return {}
    return {
        (outcome.indicator_id, outcome.org_unit_id): outcome
        for outcome in Outcome.objects.filter(
            period=ctx.period,
            sex=Outcome.Sex.TOTAL,
            indicator_id__in=sorted(indicator_ids),
            org_unit_id__in=sorted(unit_ids),
        )
    }


def _in_section_order(section: GoalSection, indicator_ids: list[int]) -> list[int]:
    """The goal's own indicators first, in its order, then the others as they came."""
    own = [entry.indicator.pk for entry in section.indicators]
    ordered = [pk for pk in own if pk in indicator_ids]
    return ordered + [pk for pk in dict.fromkeys(indicator_ids) if pk not in ordered]


def _indicator_rollup(
    key: str,
    indicator: Indicator,
    units: Sequence[OrgUnit],
    outcomes: dict[tuple[int, int], Outcome],
) -> IndicatorRollup:
    rows = []
    for unit in units:
        outcome = outcomes.get((indicator.pk, unit.pk))
        rows.append(UnitOutcome(unit, outcome, _value_text(outcome, indicator)))
    values = [row.outcome.value if row.outcome else None for row in rows]
    value = aggregate(indicator.aggregation, values)
    reported = sum(1 for item in values if item is not None)
    return IndicatorRollup(
        key=key,
        indicator=indicator,
        rows=rows,
        value=value,
        value_text=format_with_unit(value, indicator.unit),
        rule=rule_text(indicator.aggregation),
        note=_rollup_note(indicator.aggregation, reported, len(rows), value),
    )


def _rollup_note(rule: str, reported: int, total: int, value: Decimal | None) -> str:
    """Why the aggregate is what it is: missing units, or why there is none."""
    if rule == Aggregation.NONE:
        return ""
    if reported == 0:
        return _("No unit has reported an outcome yet.")
    if rule == Aggregation.WEIGHTED_MEAN and value is None:
        return _("The units' weights are not recorded, so no weighted mean is computed.")
    if reported < total:
        return _("From %(reported)s of %(total)s units; the others have not reported yet.") % {
            "reported": format_number(reported),
            "total": format_number(total),
        }
    return ""
