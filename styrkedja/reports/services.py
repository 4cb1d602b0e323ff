"""Writes of a report: the report row itself (a Plan of kind T1, T2 or VB)."""

from __future__ import annotations

from styrkedja.history.writes import create_validated
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Year
from styrkedja.plans.models import Plan


def get_or_create_report(*, org_unit: OrgUnit, year: Year, kind: str) -> Plan:
    """The unit's report of this kind and year, created as a draft the first time it is written."""
    report = Plan.objects.filter(org_unit=org_unit, year=year, kind=kind).first()
    if report is None:
        report = create_validated(Plan, org_unit=org_unit, year=year, kind=kind)
    return report
