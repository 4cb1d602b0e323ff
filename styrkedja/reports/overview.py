"""How far each unit of a nämnd has come with a report: the controller's overview (issue #6).

For every unit below the nämnd, and the nämnd itself: the report's status, what it still
lacks (outcomes, goal assessments, activity statuses) and whether it is late. What a unit
reports is what reports/selection.py says; this module asks the same questions for all the
units at once, in a fixed number of queries however many units, goals and indicators there
are, so that the page stays quick for a large nämnd.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from styrkedja.activities.models import Activity, ActivityAssignment
from styrkedja.core.collation import swedish_sort_key
from styrkedja.goals.models import Goal
from styrkedja.indicators.models import GoalIndicator, Outcome
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Deadline, PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan, PlanActivity, PlanIndicator
from styrkedja.reports.models import ActivityStatus, GoalAssessment, Reminder

# A report in one of these statuses has been handed in: it is not late, whatever the date.
HANDED_IN = frozenset(
    {Plan.Status.READY, Plan.Status.APPROVED, Plan.Status.ADOPTED, Plan.Status.LOCKED}
)

# Sorting by status follows the workflow: reports not started first, then drafts, and so on.
NOT_STARTED_RANK = -1
STATUS_RANK: dict[str, int] = {status: rank for rank, status in enumerate(Plan.Status.values)}


@dataclass(frozen=True)
class Missing:
    """How many of the things a unit reports in a period are still missing."""

    missing: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.missing == 0


@dataclass
class UnitProgress:
    """One row of the overview: a unit (or the nämnd) and its report of the period."""

    unit: OrgUnit
    status: str | None  # the report's Plan.Status; None before anything has been written
    deadline: datetime.date | None
    overdue: bool
    outcomes: Missing
    assessments: Missing
    activity_statuses: Missing
    last_reminder: datetime.datetime | None

    @property
    def is_council(self) -> bool:
        return self.unit.kind == OrgUnit.Kind.COUNCIL

    @property
    def not_started(self) -> bool:
        return self.status is None

    @property
    def handed_in(self) -> bool:
        return self.status in HANDED_IN

    @property
    def status_label(self) -> str:
        if self.status is None:
            return _("not started")
        return str(Plan.Status(self.status).label)

    @property
    def status_rank(self) -> int:
        return NOT_STARTED_RANK if self.status is None else STATUS_RANK[self.status]

    @property
    def lacks_anything(self) -> bool:
        return not (
            self.outcomes.complete and self.assessments.complete and self.activity_statuses.complete
        )


def is_overdue(status: str | None, deadline: datetime.date | None, today: datetime.date) -> bool:
    """Late: the deadline has passed (the due date itself is still in time) and the report
    has not been handed in (marked ready or further)."""
    return deadline is not None and today > deadline and status not in HANDED_IN


def units_of(council: OrgUnit, period: ReportPeriod) -> list[OrgUnit]:
    """The nämnd and the units (enheter) below it that existed in the period's year; the
    nämnd first, then the units in Swedish alphabetical order."""
    units = (
        OrgUnit.objects.descendants_of(council)
        .filter(Q(kind=OrgUnit.Kind.UNIT) | Q(pk=council.pk))
        .valid_in(period.year.number)
    )
    # Sorted here rather than by the database's Swedish collation, which on SQLite calls
    # Python for every comparison and costs more than sorting by a key once per unit.
    listed = sorted(units, key=lambda unit: (swedish_sort_key(unit.name), unit.pk))
    return [unit for unit in listed if unit.pk == council.pk] + [
        unit for unit in listed if unit.pk != council.pk
    ]


def council_overview(
    council: OrgUnit, period: ReportPeriod, *, today: datetime.date
) -> list[UnitProgress]:
    """Every unit's progress with its report of `period`, the nämnd first.

    `today` decides what is late; the caller passes the date (the view: today's local date).
    `period` comes with its year loaded. Runs seven queries, whatever the number of units
    and what they report.
    """
    units = units_of(council, period)
    ids = [unit.pk for unit in units]
    statuses = dict(
        Plan.objects.filter(org_unit_id__in=ids, year_id=period.year_id, kind=period.kind)
        .order_by()
        .values_list("org_unit_id", "status")
    )
    deadlines = dict(
        Deadline.objects.filter(period=period).order_by().values_list("org_kind", "due_on")
    )
    outcomes = _grouped(_indicator_rows(ids, period))
    assessments = _goal_counts(ids, period)
    activity_statuses = _grouped(_activity_rows(ids, period))
    reminded = dict(
        Reminder.objects.filter(council=council, period=period, unit_id__in=ids)
        .order_by()
        .values("unit_id")
        .annotate(last=Max("sent_at"))
        .values_list("unit_id", "last")
    )
    rows = []
    for unit in units:
        status = statuses.get(unit.pk)
        deadline = deadlines.get(unit.kind)
        rows.append(
            UnitProgress(
                unit=unit,
                status=status,
                deadline=deadline,
                overdue=is_overdue(status, deadline, today),
                outcomes=outcomes.get(unit.pk, Missing(0, 0)),
                assessments=assessments.get(unit.pk, Missing(0, 0)),
                activity_statuses=activity_statuses.get(unit.pk, Missing(0, 0)),
                last_reminder=reminded.get(unit.pk),
            )
        )
    return rows


# Sorting and filtering ---------------------------------------------------------------------

SORTS = ("name", "status")
SHOWS = ("all", "late", "not_started")


def sort_rows(rows: Sequence[UnitProgress], sort: str) -> list[UnitProgress]:
    """By name as council_overview gives them (the nämnd first), or by status: the nämnd
    still first, then the units by status and by name within a status (the sort is stable)."""
    if sort == "status":
        return sorted(rows, key=lambda row: (not row.is_council, row.status_rank))
    return list(rows)


def filter_rows(rows: Iterable[UnitProgress], show: str) -> list[UnitProgress]:
    if show == "late":
        return [row for row in rows if row.overdue]
    if show == "not_started":
        return [row for row in rows if row.not_started]
    return list(rows)


# The bulk questions ------------------------------------------------------------------------
#
# The indicators and activities come as a UNION of (reporting_unit, item, done) rows: one per
# thing a unit reports, and whether it is there for the period. The UNION removes the
# duplicates that selection.py removes with DISTINCT (an indicator both under an own goal and
# included from above counts once). The database then counts them per unit, so a nämnd of
# 60 units sends back 60 rows, not thousands.

UnitItem = tuple[int, int, bool]  # (unit id, indicator or activity id, reported in the period)


def _grouped(rows: QuerySet[Any, UnitItem]) -> dict[int, Missing]:
    """Per unit, how many rows and how many not done.

    The ORM cannot group a UNION, so its compiled SQL (with its parameters, nothing else
    goes into the text) is wrapped in a plain GROUP BY that SQLite and PostgreSQL both run.
    """
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(
            "SELECT reporting_unit, COUNT(*), SUM(CASE WHEN done THEN 0 ELSE 1 END)"
            f" FROM ({sql}) AS reported GROUP BY reporting_unit",
            params,
        )
        return {unit: Missing(missing, total) for unit, total, missing in cursor.fetchall()}


def _has_outcome(unit: OuterRef, period: ReportPeriod) -> Exists:
    """An outcome total counts once it is entered: a value, or a comment saying why none."""
    return Exists(
        Outcome.objects.filter(
            Q(value__isnull=False) | ~Q(comment=""),
            indicator_id=OuterRef("indicator_id"),
            org_unit_id=unit,
            period=period,
            sex=Outcome.Sex.TOTAL,
        )
    )


def _in_the_units_plan(period: ReportPeriod, ids: list[int]) -> dict[str, object]:
    """Lookups from a PlanIndicator or PlanActivity to the operational plans of the units."""
    return {
        "plan_goal__plan__org_unit_id__in": ids,
        "plan_goal__plan__year_id": period.year_id,
        "plan_goal__plan__kind": PeriodKind.PLAN,
    }


def _unit_items(
    queryset: QuerySet[Any], *, unit: str, item: str, done: Exists
) -> QuerySet[Any, UnitItem]:
    """(reporting_unit, item, done) rows of `queryset`, named alike for the UNION."""
    return (
        queryset.annotate(reporting_unit=F(unit), item=F(item), done=done)
        .order_by()
        .values_list("reporting_unit", "item", "done")
    )


def _indicator_rows(ids: list[int], period: ReportPeriod) -> QuerySet[Any, UnitItem]:
    """The indicators under the units' own goals, and those their plans include from above
    (only under the goal they are followed for, as selection.reported_indicators)."""
    own = _unit_items(
        GoalIndicator.objects.filter(goal__owner_id__in=ids, goal__year_id=period.year_id),
        unit="goal__owner_id",
        item="indicator_id",
        done=_has_outcome(OuterRef("goal__owner_id"), period),
    )
    included = _unit_items(
        PlanIndicator.objects.filter(
            **_in_the_units_plan(period, ids),
            indicator__goal_indicators__goal=F("plan_goal__goal"),
        ),
        unit="plan_goal__plan__org_unit_id",
        item="indicator_id",
        done=_has_outcome(OuterRef("plan_goal__plan__org_unit_id"), period),
    )
    return own.union(included)


def _status_given(activity: OuterRef, unit: OuterRef, period: ReportPeriod) -> Exists:
    return Exists(
        ActivityStatus.objects.filter(activity_id=activity, org_unit_id=unit, period=period)
    )


def _activity_rows(ids: list[int], period: ReportPeriod) -> QuerySet[Any, UnitItem]:
    """The activities of the units' own goals, those assigned to them and those their plans
    include (selection.reported_activities)."""
    own = _unit_items(
        Activity.objects.filter(goal__owner_id__in=ids, goal__year_id=period.year_id),
        unit="goal__owner_id",
        item="pk",
        done=_status_given(OuterRef("pk"), OuterRef("goal__owner_id"), period),
    )
    assigned = _unit_items(
        ActivityAssignment.objects.filter(
            org_unit_id__in=ids, activity__goal__year_id=period.year_id
        ),
        unit="org_unit_id",
        item="activity_id",
        done=_status_given(OuterRef("activity_id"), OuterRef("org_unit_id"), period),
    )
    included = _unit_items(
        PlanActivity.objects.filter(**_in_the_units_plan(period, ids)),
        unit="plan_goal__plan__org_unit_id",
        item="activity_id",
        done=_status_given(
            OuterRef("activity_id"), OuterRef("plan_goal__plan__org_unit_id"), period
        ),
    )
    return own.union(assigned, included)


def _goal_counts(ids: list[int], period: ReportPeriod) -> dict[int, Missing]:
    """The units' own goals of the year (selection.own_goals), and how many lack an
    assessment for the period: one grouped query."""
    assessed = GoalAssessment.objects.filter(goal_id=OuterRef("pk"), period=period)
    counts = (
        Goal.objects.filter(owner_id__in=ids, year_id=period.year_id)
        .order_by()
        .values("owner_id")
        .annotate(total=Count("pk"), missing=Count("pk", filter=~Exists(assessed)))
        .values_list("owner_id", "total", "missing")
    )
    return {owner_id: Missing(missing, total) for owner_id, total, missing in counts}


def period_being_reported(today: datetime.date) -> tuple[int, str]:
    """The year and report kind ("t1", "t2", "vb") that units are most likely writing now.

    Reports are written after their period: T1 (January–April) from May, T2 (January–
    August) from September, and the annual report in the first months of the next year.
    """
    if today.month >= 9:
        return today.year, "t2"
    if today.month >= 5:
        return today.year, "t1"
    return today.year - 1, "vb"
