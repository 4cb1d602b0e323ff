"""Writes to activities shared by several callers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from styrkedja.activities.models import Activity, ActivityAssignment
from styrkedja.core.ordering import move_among
from styrkedja.goals.models import Goal
from styrkedja.history.writes import (
    check_revision,
    create_validated,
    delete_recorded,
    update_changed_fields,
    update_edited,
)
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


# Editing, from a goal's activity page -----------------------------------------------------


def add_activity(
    *,
    goal: Goal,
    text: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    units: Sequence[OrgUnit] | None = None,
) -> Activity:
    """A new activity, last among the goal's; `units` carry it out (None: nobody chosen)."""
    with transaction.atomic():
        last = goal.activities.aggregate(last=Max("position"))["last"]
        activity, _created = save_activity(
            activity=None,
            goal=goal,
            text=text,
            starts_on=starts_on,
            ends_on=ends_on,
            position=0 if last is None else last + 1,
        )
        if units is not None:
            set_activity_units(activity=activity, units=units)
    return activity


def update_activity(
    *,
    activity: Activity,
    base_revision: int | None,
    text: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    units: Sequence[OrgUnit] | None = None,
) -> bool:
    """Change the activity's text and dates, as edited from `base_revision`, and (unless
    None) who carries it out.

    Raises EditConflict, writing nothing (units included), if someone saved the activity's
    text or dates since and this edit would change them.
    """
    with transaction.atomic():
        changed = update_edited(
            activity, base_revision=base_revision, text=text, starts_on=starts_on, ends_on=ends_on
        )
        if units is not None:
            changed |= set_activity_units(activity=activity, units=units)
    return changed


def set_activity_units(*, activity: Activity, units: Sequence[OrgUnit]) -> bool:
    """Make exactly `units` the ones that carry the activity out; True if that changed."""
    with transaction.atomic():
        wanted = {unit.pk for unit in units}
        existing = set(activity.assignments.values_list("org_unit_id", flat=True))
        removed, _ = activity.assignments.exclude(org_unit_id__in=wanted).delete()
        ActivityAssignment.objects.bulk_create(
            [ActivityAssignment(activity=activity, org_unit_id=pk) for pk in wanted - existing]
        )
    return bool(removed) or bool(wanted - existing)


def move_activity(activity: Activity, *, up: bool) -> bool:
    """Swap the activity with its neighbour among the goal's activities."""
    return move_among(Activity.objects.filter(goal_id=activity.goal_id), activity, up=up)


def delete_activity(*, activity: Activity, base_revision: int | None = None) -> None:
    """Delete the activity, with its assignments and the plans' inclusions of it.

    The caller decides whether plans may lose it (a decided plan may not).
    """
    with transaction.atomic():
        check_revision(activity, base_revision)
        delete_recorded(activity.plan_inclusions.select_related("plan_goal"))
        delete_recorded([activity])
