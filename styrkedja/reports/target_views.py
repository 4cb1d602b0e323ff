"""A target in use: its versions, which one each report uses, and how it may change now.

While the unit's plan is a draft, the target is changed in the plan. Once the plan is
adopted, an administratör records a decided change as a new version; a target the plan
left "Fastställs" is set by the unit's editors with T1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styrkedja.indicators import target_versions
from styrkedja.indicators.forms import TargetForm
from styrkedja.indicators.models import Indicator, Target
from styrkedja.indicators.targets import TargetKind
from styrkedja.org import access
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan
from styrkedja.reports.reading import ReportContext, get_report_context
from styrkedja.reports.selection import reported_indicators
from styrkedja.reports.target_forms import DecisionForm, SetWithFirstReportForm


@dataclass(frozen=True)
class VersionRow:
    target: Target
    used_by: list[str]


def _version_rows(targets: list[Target], periods: list[ReportPeriod]) -> list[VersionRow]:
    """Each version with the reports of the year that use it."""
    used: dict[int, list[str]] = {target.pk: [] for target in targets}
    for period in periods:
        in_force = [t for t in targets if t.valid_from is None or t.valid_from <= period.ends_on]
        if in_force:
            used[max(in_force, key=lambda t: t.version).pk].append(
                PeriodKind(period.kind).label.capitalize()
            )
    return [VersionRow(target=target, used_by=used[target.pk]) for target in targets]


def _indicator_for(ctx: ReportContext, indicator_id: int) -> Indicator:
    """An indicator the unit reports; 404 for any other."""
    for link in reported_indicators(ctx.unit, ctx.year):
        if link.indicator_id == indicator_id:
            return link.indicator
    raise Http404(_("The unit does not report this indicator."))


@login_required
@require_http_methods(["GET", "POST"])
def target_page(
    request: HttpRequest, unit_id: int, year: int, kind: str, indicator_id: int
) -> HttpResponse:
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind)
    indicator = _indicator_for(ctx, indicator_id)
    targets = target_versions.versions(indicator=indicator, org_unit=ctx.unit, year=ctx.year)
    current = targets[-1] if targets else None
    in_force = target_versions.in_force(indicator=indicator, org_unit=ctx.unit, period=ctx.period)
    plan = Plan.objects.filter(org_unit=ctx.unit, year=ctx.year, kind=PeriodKind.PLAN).first()
    plan_adopted = plan is not None and plan.is_adopted
    may_decide = plan_adopted and access.can_decide_targets(request.user, ctx.unit)
    may_set_now = (
        ctx.period.kind == PeriodKind.T1
        and ctx.can_edit
        and in_force is not None
        and in_force.kind == TargetKind.TO_BE_DECIDED
    )
    seen = {"seen_version": 0 if current is None else current.version}
    initial = {**TargetForm.initial_for(current, indicator), **seen}
    form: SetWithFirstReportForm | None = None
    if may_set_now:
        initial["kind"] = TargetKind.VALUE
        form = SetWithFirstReportForm(
            request.POST or None, year=ctx.year.number, current=current, initial=initial
        )
    elif may_decide:
        form = DecisionForm(
            request.POST or None, year=ctx.year.number, current=current, initial=initial
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You may not change this target now."))
        if form.is_valid():
            if form.cleaned_data["seen_version"] != (0 if current is None else current.version):
                form.add_error(
                    None,
                    _(
                        "Someone added a version of the target after you opened the page. "
                        "Check the versions below and try again."
                    ),
                )
                form.data = form.data.copy()
                form.data["seen_version"] = str(current.version if current else 0)
                return _render(request, ctx, indicator, targets, in_force, plan, form, 409)
            try:
                _save(ctx, indicator, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The new version of the target has been saved."))
                return redirect(reverse("reports:target", args=[*ctx.url_args, indicator.pk]))
        return _render(request, ctx, indicator, targets, in_force, plan, form, 422)
    return _render(request, ctx, indicator, targets, in_force, plan, form, 200)


def _save(ctx: ReportContext, indicator: Indicator, form: SetWithFirstReportForm) -> None:
    parts: dict[str, Any] = {
        name: form.cleaned_data[name] for name in ("kind", "value", "unit", "comment")
    }
    if isinstance(form, DecisionForm):
        target_versions.decide_new_version(
            indicator=indicator,
            org_unit=ctx.unit,
            year=ctx.year,
            decided_by=form.cleaned_data["decided_by"],
            decided_on=form.cleaned_data["decided_on"],
            case_number=form.cleaned_data["case_number"],
            valid_from=form.cleaned_data["valid_from"],
            **parts,
        )
    else:
        target_versions.set_with_first_report(
            indicator=indicator, org_unit=ctx.unit, period=ctx.period, **parts
        )


def _render(
    request: HttpRequest,
    ctx: ReportContext,
    indicator: Indicator,
    targets: list[Target],
    in_force: Target | None,
    plan: Plan | None,
    form: SetWithFirstReportForm | None,
    status: int,
) -> HttpResponse:
    periods = list(
        ReportPeriod.objects.filter(year=ctx.year).exclude(kind=PeriodKind.PLAN).order_by("ends_on")
    )
    return render(
        request,
        "reports/target.html",
        {
            "ctx": ctx,
            "page_title": indicator.name,
            "indicator": indicator,
            "rows": _version_rows(targets, periods),
            "in_force": in_force,
            "plan": plan,
            "plan_is_draft": plan is not None and plan.status == Plan.Status.DRAFT,
            "form": form,
            "is_decision": isinstance(form, DecisionForm),
        },
        status=status,
    )
