"""Activity statuses of a report: what the page lists, and saving all its rows at once.

A unit reports the status of every activity it carries out: those of its own goals and
those of goals above that are assigned to it or that its plan includes (selection.py).
The rows are saved together or not at all, each checked against the revision it was
shown at, so that nobody overwrites a status someone else saved in the meantime.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from styrkedja.activities.models import Activity
from styrkedja.history.writes import EditConflict, create_validated, update_edited
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import ReportPeriod, Year
from styrkedja.reports.models import ActivityStatus
from styrkedja.reports.services import get_or_create_report


def statuses_of(
    *, unit: OrgUnit, period: ReportPeriod, activities: Sequence[Activity]
) -> dict[int, ActivityStatus]:
    """The unit's saved statuses of the activities in the period, by activity id."""
    by_activity = {activity.pk: activity for activity in activities}
    found = {}
    for status in ActivityStatus.objects.filter(
        org_unit=unit, period=period, activity_id__in=by_activity
    ):
        status.activity = by_activity[status.activity_id]
        status.org_unit = unit
        status.period = period
        found[status.activity_id] = status
    return found


@dataclass(frozen=True)
class StatusInput:
    """One row as the person left it."""

    activity: Activity
    status: str
    comment: str
    # The revision of the status the page showed; 0 when there was none, None unchecked.
    base_revision: int | None


class StatusConflicts(Exception):
    """Rows someone else saved after the page was shown; nothing was written."""

    def __init__(self, conflicts: dict[int, EditConflict]) -> None:
        super().__init__(f"{len(conflicts)} activity statuses changed since they were shown")
        self.conflicts = conflicts  # by activity id


def save_statuses(
    *, unit: OrgUnit, year: Year, period: ReportPeriod, rows: Sequence[StatusInput]
) -> int:
    """Write the rows that differ from what is stored, all or none; returns how many changed.

    Raises StatusConflicts, having written nothing, if any row was saved by someone else
    after its base revision and this save would change it. The report is created with
    the first status saved in it.
    """
    if not rows:
        return 0
    conflicts: dict[int, EditConflict] = {}
    changed = 0
    with transaction.atomic():
        get_or_create_report(org_unit=unit, year=year, kind=period.kind)
        stored = {
            status.activity_id: status
            for status in ActivityStatus.objects.select_for_update().filter(
                org_unit=unit, period=period, activity__in=[row.activity for row in rows]
            )
        }
        for row in rows:
            try:
                changed += _save_row(unit, period, row, stored.get(row.activity.pk))
            except EditConflict as conflict:
                conflicts[row.activity.pk] = conflict
        if conflicts:
            raise StatusConflicts(conflicts)  # leaving the block undoes every row written
    return changed


def _save_row(
    unit: OrgUnit, period: ReportPeriod, row: StatusInput, stored: ActivityStatus | None
) -> int:
    values = {"status": row.status, "comment": row.comment}
    if stored is None:
        try:
            create_validated(
                ActivityStatus, activity=row.activity, org_unit=unit, period=period, **values
            )
        except IntegrityError:
            # Created by someone else in the same moment (a database that does not
            # serialise writers, such as PostgreSQL).
            current = ActivityStatus.objects.get(
                activity=row.activity, org_unit=unit, period=period
            )
            raise EditConflict(current, 0) from None
        return 1
    stored.activity = row.activity
    stored.org_unit = unit
    stored.period = period
    return int(update_edited(stored, base_revision=row.base_revision, **values))
