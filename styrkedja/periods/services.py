"""Setting up a planning year."""

from __future__ import annotations

import datetime

from django.db import transaction

from styrkedja.history.writes import create_validated, update_changed_fields
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Deadline, PeriodKind, ReportPeriod, Year

# Default deadlines, which administrators adjust: a plan is due before its year
# starts, a report three weeks after its period; units two weeks before their nämnd.
PLAN_DUE = (11, 15)
REPORT_DUE_AFTER = datetime.timedelta(days=21)
COUNCIL_DUE_AFTER_UNITS = datetime.timedelta(days=14)


def get_or_create_year(*, number: int) -> tuple[Year, bool]:
    """The year, created with its four report periods and default deadlines if new."""
    year = Year.objects.filter(number=number).first()
    if year is not None:
        return year, False
    year = create_validated(Year, number=number)
    for kind in PeriodKind.values:
        starts_on, ends_on = ReportPeriod.default_dates(number, kind)
        period = create_validated(
            ReportPeriod, year=year, kind=kind, starts_on=starts_on, ends_on=ends_on
        )
        units_due = (
            datetime.date(number - 1, *PLAN_DUE)
            if kind == PeriodKind.PLAN
            else ends_on + REPORT_DUE_AFTER
        )
        create_validated(Deadline, period=period, org_kind=OrgUnit.Kind.UNIT, due_on=units_due)
        create_validated(
            Deadline,
            period=period,
            org_kind=OrgUnit.Kind.COUNCIL,
            due_on=units_due + COUNCIL_DUE_AFTER_UNITS,
        )
    return year, True


def set_deadlines(period: ReportPeriod, due: dict[str, datetime.date | None]) -> None:
    """Set, move or (for an empty date) drop the period's deadline of each nämnd level."""
    with transaction.atomic():
        existing = {deadline.org_kind: deadline for deadline in period.deadlines.all()}
        for kind, due_on in due.items():
            deadline = existing.get(kind)
            if due_on is None:
                if deadline is not None:
                    deadline.delete()
            elif deadline is None:
                create_validated(Deadline, period=period, org_kind=kind, due_on=due_on)
            else:
                update_changed_fields(deadline, due_on=due_on)
