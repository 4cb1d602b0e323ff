"""The status page of a report: every activity the unit carries out, grouped by goal, with
its status for the period and a comment, saved all at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styrkedja.activities.models import Activity
from styrkedja.goals.models import Goal
from styrkedja.history.conflicts import ConflictReport, refuse_edit
from styrkedja.reports import selection, statuses
from styrkedja.reports.models import ActivityStatus
from styrkedja.reports.proposal import is_late
from styrkedja.reports.reading import ReportContext, get_report_context
from styrkedja.reports.status_forms import StatusRowForm


@dataclass
class StatusRow:
    activity: Activity
    stored: ActivityStatus | None
    form: StatusRowForm | None  # None for a reader
    late: bool
    conflict: ConflictReport | None = None


@dataclass
class GoalGroup:
    goal: Goal
    from_above: bool
    rows: list[StatusRow] = field(default_factory=list)


def _page_url(ctx: ReportContext) -> str:
    return reverse("reports:activities", args=ctx.url_args)


def _rows(ctx: ReportContext, data: object = None) -> list[StatusRow]:
    activities = selection.reported_activities(ctx.unit, ctx.year)
    stored = statuses.statuses_of(unit=ctx.unit, period=ctx.period, activities=activities)
    rows = []
    for activity in activities:
        saved = stored.get(activity.pk)
        form = StatusRowForm(data, activity=activity, stored=saved) if ctx.can_edit else None
        rows.append(
            StatusRow(
                activity=activity,
                stored=saved,
                form=form,
                late=is_late(
                    status=saved.status if saved else None,
                    ends_on=activity.ends_on,
                    period_ends_on=ctx.period.ends_on,
                ),
            )
        )
    return rows


def _groups(ctx: ReportContext, rows: list[StatusRow]) -> list[GoalGroup]:
    groups: dict[int, GoalGroup] = {}
    for row in rows:
        goal = row.activity.goal
        if goal.pk not in groups:
            groups[goal.pk] = GoalGroup(goal=goal, from_above=goal.owner_id != ctx.unit.pk)
        groups[goal.pk].rows.append(row)
    return list(groups.values())


@login_required
@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    """GET lists the activities with their statuses; POST saves every row, or none."""
    writing = request.method == "POST"
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind, write=writing)
    rows = _rows(ctx, request.POST if writing else None)
    status = 200
    conflicted = 0
    if writing:
        forms = [row.form for row in rows if row.form is not None]
        valid = [form.is_valid() for form in forms]  # every form, to mark every error
        if all(valid):
            to_save = [
                statuses.StatusInput(
                    activity=form.activity,
                    status=form.cleaned_data["status"],
                    comment=form.cleaned_data["comment"],
                    base_revision=form.base_revision,
                )
                for form in forms
                if form.to_save
            ]
            try:
                statuses.save_statuses(
                    unit=ctx.unit, year=ctx.year, period=ctx.period, rows=to_save
                )
            except statuses.StatusConflicts as refused:
                for row in rows:
                    conflict = refused.conflicts.get(row.activity.pk)
                    if conflict is not None and row.form is not None:
                        row.conflict = refuse_edit(
                            conflict,
                            row.form,
                            discard_url=f"{_page_url(ctx)}#activity-{row.activity.pk}",
                        )
                conflicted = len(refused.conflicts)
                status = 409
            else:
                messages.success(request, _("The statuses of the activities were saved."))
                return redirect(_page_url(ctx))
        else:
            status = 422
    return render(
        request,
        "reports/statuses.html",
        {
            "ctx": ctx,
            "groups": _groups(ctx, rows),
            "conflicted": conflicted,
            "invalid": status == 422,
        },
        status=status,
    )
