"""The controller's follow-up overview of a nämnd for one report period, and the reminder
to its late units (issue #6).

Both pages are for granskare and administratörer on the nämnd (access.can_oversee). The
overview filters and sorts with plain links, so it works without JavaScript; the reminder
is sent only from its confirmation page, which lists who gets what.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.org import access
from styrkedja.org.models import OrgUnit, User
from styrkedja.periods.models import ReportPeriod
from styrkedja.reports.overview import (
    SHOWS,
    SORTS,
    council_overview,
    filter_rows,
    sort_rows,
)
from styrkedja.reports.reading import KINDS_BY_SLUG, SLUGS_BY_KIND
from styrkedja.reports.reminders import (
    ReminderTarget,
    reminder_targets,
    report_title,
    send_reminders,
)


class OverviewQuery(forms.Form):
    """The overview's filter and sort, from the query string; anything else means the default."""

    sort = forms.ChoiceField(choices=[(sort, sort) for sort in SORTS], required=False)
    show = forms.ChoiceField(choices=[(show, show) for show in SHOWS], required=False)

    def values(self) -> tuple[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("sort") or SORTS[0], data.get("show") or SHOWS[0]


class ReminderForm(forms.Form):
    """The units the controller confirmed; each must still be late and reachable."""

    unit = forms.TypedMultipleChoiceField(coerce=int)

    def __init__(self, *args: Any, targets: list[ReminderTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(t.unit.pk, t.unit.name) for t in targets if t.reachable]


def _council_and_period(
    request: HttpRequest, unit_id: int, year: int, kind: str
) -> tuple[OrgUnit, ReportPeriod]:
    """The nämnd and the period, for a user who may oversee it.

    404 for an unknown unit, a unit that is not a nämnd, or an unknown period; 403 for a
    nämnd the user may not read, or may read but not oversee.
    """
    council = access.get_org_unit_for_user(request.user, unit_id)
    if not council.is_council:
        raise Http404
    if not access.can_oversee(request.user, council):
        raise PermissionDenied(_("The follow-up overview is for the committee's reviewers."))
    period_kind = KINDS_BY_SLUG.get(kind)
    if period_kind is None:
        raise Http404(_("There is no such report."))
    period = get_object_or_404(
        ReportPeriod.objects.select_related("year"), year__number=year, kind=period_kind
    )
    return council, period


def _page_context(council: OrgUnit, period: ReportPeriod) -> dict[str, Any]:
    return {
        "council": council,
        "period": period,
        "year": period.year.number,
        "slug": SLUGS_BY_KIND[period.kind],
        "report_title": report_title(period.kind, period.year.number),
        "periods": [
            (slug, report_title(kind, period.year.number)) for slug, kind in KINDS_BY_SLUG.items()
        ],
    }


@login_required
@require_GET
def overview(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    council, period = _council_and_period(request, unit_id, year, kind)
    sort, show = OverviewQuery(request.GET).values()
    rows = council_overview(council, period, today=timezone.localdate())
    shown = sort_rows(filter_rows(rows, show), sort)
    return render(
        request,
        "reports/overview.html",
        {
            **_page_context(council, period),
            "rows": shown,
            "sort": sort,
            "show": show,
            "counts": {
                "all": len(rows),
                "late": sum(row.overdue for row in rows),
                "not_started": sum(row.not_started for row in rows),
                "handed_in": sum(row.handed_in for row in rows),
            },
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    """GET lists the late units and who their reminders go to; POST sends them."""
    council, period = _council_and_period(request, unit_id, year, kind)
    rows = council_overview(council, period, today=timezone.localdate())
    targets = reminder_targets(rows)
    if request.method == "POST":
        form = ReminderForm(request.POST, targets=targets)
        if form.is_valid():
            chosen = set(form.cleaned_data["unit"])
            _send(request, council, period, [t for t in targets if t.unit.pk in chosen])
            return redirect("overview:overview", unit_id=council.pk, year=year, kind=kind)
    else:
        form = ReminderForm(targets=targets)
    return render(
        request,
        "reports/reminder_confirm.html",
        {
            **_page_context(council, period),
            "targets": targets,
            "reachable": [target for target in targets if target.reachable],
            "form": form,
        },
        # The late units changed between the confirmation and the POST: look again.
        status=409 if form.errors else 200,
    )


def _send(
    request: HttpRequest, council: OrgUnit, period: ReportPeriod, targets: list[ReminderTarget]
) -> None:
    sender = request.user
    assert isinstance(sender, User)  # login_required

    def link_for(unit: OrgUnit) -> str:
        return request.build_absolute_uri(
            reverse(
                "reports:report", args=[unit.pk, period.year.number, SLUGS_BY_KIND[period.kind]]
            )
        )

    result = send_reminders(
        council=council, period=period, targets=targets, sender=sender, link_for=link_for
    )
    if result.sent:
        messages.success(
            request,
            _("Reminders sent to: %(units)s.")
            % {"units": ", ".join(reminder.unit.name for reminder in result.sent)},
        )
    if result.error:
        assert result.failed is not None
        messages.error(
            request,
            _(
                "The reminder to %(unit)s could not be sent (%(error)s). It and the ones after "
                "it were not sent; try again later."
            )
            % {"unit": result.failed.unit.name, "error": result.error},
        )
