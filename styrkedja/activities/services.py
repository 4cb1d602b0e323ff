"""Writes to activities shared by several callers."""

from __future__ import annotations

import datetime

from styrkedja.activities.models import Activity, ActivityAssignment
from styrkedja.core.changes import create_validated, update_changed_fields
from styrkedja.goals.models import Goal
from styrkedja.org.models import OrgUnit


def save_activity(
    *,
    activity: Activity | None,
    goal: Goal,
    text: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    position: int,
) -> tuple[Activity, bool]:
    values = {
        "goal": goal,
        "text": text,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "position": position,
    }
    if activity is None:
        return create_validated(Activity, **values), True
    return activity, update_changed_fields(activity, **values)


def assign_activity(activity: Activity, org_unit: OrgUnit) -> bool:
    """Record that `org_unit` carries out the activity; True if that is new."""
    _assignment, created = ActivityAssignment.objects.get_or_create(
        activity=activity, org_unit=org_unit
    )
    return created
