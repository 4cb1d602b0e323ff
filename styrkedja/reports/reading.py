"""Finding a report for a user: the unit, year and period from the URL, and the report row.

A report of a unit exists as a Plan of kind T1, T2 or VB once something has been written in
it; before that the pages show it empty. Reading needs read rights on the unit; writing
needs the right to edit the unit's plans while the report is a draft (org/access.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Deadline, PeriodKind, ReportPeriod, Year
from styrkedja.plans.models import Plan

if TYPE_CHECKING:
    from styrkedja.org.access import AnyUser

# The report kinds as the URLs name them.
KINDS_BY_SLUG: dict[str, str] = {
    "t1": PeriodKind.T1,
    "t2": PeriodKind.T2,
    "vb": PeriodKind.ANNUAL_REPORT,
}
SLUGS_BY_KIND: dict[str, str] = {kind: slug for slug, kind in KINDS_BY_SLUG.items()}


@dataclass
class ReportContext:
    unit: OrgUnit
    year: Year
    period: ReportPeriod
    report: Plan | None
    can_edit: bool

    @property
    def kind(self) -> str:
        return self.period.kind

    @property
    def slug(self) -> str:
        return SLUGS_BY_KIND[self.period.kind]

    @property
    def url_args(self) -> tuple[int, int, str]:
        return (self.unit.pk, self.year.number, self.slug)

    @property
    def title(self) -> str:
        return f"{PeriodKind(self.kind).label.capitalize()} {self.year.number}"

    def deadline(self) -> Deadline | None:
        return Deadline.objects.filter(period=self.period, org_kind=self.unit.kind).first()


def get_report_context(
    user: AnyUser, *, unit_id: int, year: int, slug: str, write: bool = False
) -> ReportContext:
    """The report of a unit for a period; 404 unknown, 403 not readable (or not writable)."""
    kind = KINDS_BY_SLUG.get(slug)
    if kind is None:
        raise Http404(_("There is no such report."))
    unit = access.get_org_unit_for_user(user, unit_id)
    year_row = get_object_or_404(Year, number=year)
    period = get_object_or_404(ReportPeriod, year=year_row, kind=kind)
    report = (
        Plan.objects.filter(org_unit=unit, year=year_row, kind=kind)
        .select_related("org_unit", "year")
        .first()
    )
    editable = access.can_edit_plans_of(user, unit) and (
        report is None or report.status == Plan.Status.DRAFT
    )
    if write and not editable:
        if report is not None and report.status != Plan.Status.DRAFT:
            raise PermissionDenied(
                _("The report is %(status)s and can no longer be changed.")
                % {"status": report.get_status_display()}
            )
        raise PermissionDenied(_("You may read this report but not change it."))
    return ReportContext(unit=unit, year=year_row, period=period, report=report, can_edit=editable)
