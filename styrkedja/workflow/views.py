"""The workflow's pages, mounted at plan/<plan_id>/arbetsflode/: its log, the frozen versions,
and one URL per transition.

Mark ready and approve are one button each on the plan's (or report's) page. Return asks for
a comment, and adopt, lock and reopen ask for confirmation (and the decision), on a page of
their own, so everything works by keyboard and without JavaScript. Every form carries the
plan's revision: a transition asked from a page that is no longer current answers 409.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.history.forms import posted_revision
from styrkedja.history.writes import EditConflict
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan, get_plan_by_id_for_user
from styrkedja.reports.reading import SLUGS_BY_KIND
from styrkedja.workflow import services
from styrkedja.workflow.forms import AdoptForm, ReopenForm, ReturnForm, TransitionForm
from styrkedja.workflow.models import PlanVersion, Transition

if TYPE_CHECKING:
    from styrkedja.org.models import User

Action = Transition.Action


def plan_page_url(plan: Plan) -> str:
    """Where a plan is read: the plan page for a VP, the report page for T1, T2 and VB."""
    if plan.kind == PeriodKind.PLAN:
        return reverse("ui:plan", args=[plan.org_unit_id, plan.year.number])
    return reverse(
        "reports:report", args=[plan.org_unit_id, plan.year.number, SLUGS_BY_KIND[plan.kind]]
    )


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_plan_by_id_for_user(request.user, plan_id)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert user.is_authenticated  # login_required
    return user


def _refused(request: HttpRequest, plan: Plan, message: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "workflow/refused.html",
        {"plan": plan, "message": message, "plan_url": plan_page_url(plan)},
        status=status,
    )


def _conflict_message(plan: Plan, conflict: EditConflict) -> str:
    who = ", ".join(dict.fromkeys(change.who for change in conflict.changes))
    values = {"status": services.status_label(plan), "who": who}
    if who:
        return (
            _(
                "%(who)s changed the plan after you opened the page; it is now %(status)s. "
                "Nothing was done: look at the plan again and choose anew."
            )
            % values
        )
    return (
        _(
            "The plan was changed after you opened the page; it is now %(status)s. "
            "Nothing was done: look at the plan again and choose anew."
        )
        % values
    )


def _take(request: HttpRequest, plan: Plan, transition: Callable[[], Transition]) -> HttpResponse:
    """Run the transition and redirect to the plan's page; the answer when it is refused.

    A ValidationError is left to the caller, which shows it with its form.
    """
    try:
        transition()
    except EditConflict as conflict:
        return _refused(request, plan, _conflict_message(plan, conflict), status=409)
    except services.TransitionRefused as refused:
        return _refused(request, plan, str(refused), status=400)
    messages.success(
        request, _("The plan is now %(status)s.") % {"status": services.status_label(plan)}
    )
    return redirect(plan_page_url(plan))


# Pages -------------------------------------------------------------------------------------


@login_required
@require_GET
def log(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Every status change of the plan, and its adopted versions."""
    plan = _plan(request, plan_id)
    return render(
        request,
        "workflow/log.html",
        {
            "plan": plan,
            "plan_url": plan_page_url(plan),
            "status": services.status_label(plan),
            "transitions": list(Transition.objects.filter(plan=plan).select_related("actor")),
            "versions": list(
                PlanVersion.objects.filter(plan=plan).defer("snapshot").order_by("-number")
            ),
        },
    )


@login_required
@require_GET
def version(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    """An adopted version as it was frozen, as a JSON file (the importer's form)."""
    plan = _plan(request, plan_id)
    frozen = get_object_or_404(PlanVersion, plan=plan, number=number)
    response = HttpResponse(
        json.dumps(frozen.snapshot, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"plan-{plan.pk}-version-{frozen.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Transitions without a form: one button on the plan's page ----------------------------------


@login_required
@require_POST
def mark_ready(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    return _take(
        request,
        plan,
        lambda: services.mark_ready(
            plan=plan, user=_user(request), base_revision=posted_revision(request)
        ),
    )


@login_required
@require_POST
def approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    return _take(
        request,
        plan,
        lambda: services.approve(
            plan=plan, user=_user(request), base_revision=posted_revision(request)
        ),
    )


# Transitions with a page of their own --------------------------------------------------------


def _confirmation(
    request: HttpRequest,
    plan: Plan,
    step_name: str,
    form: TransitionForm,
    run: Callable[[], Transition],
) -> HttpResponse:
    """GET: the form, for a user who may take the step now. POST: take it, or say why not.

    Checked in the order the service checks: right (403), revision (409), status (400).
    """
    services.check_right(step_name, plan=plan, user=request.user)
    revision = posted_revision(request) if request.method == "POST" else None
    if revision is not None and revision != plan.revision:
        return _refused(
            request, plan, _conflict_message(plan, EditConflict(plan, revision)), status=409
        )
    try:
        services.check_status(step_name, plan=plan)
    except services.TransitionRefused as refused:
        return _refused(request, plan, str(refused), status=400)
    if request.method == "POST" and form.is_valid():
        try:
            return _take(request, plan, run)
        except ValidationError as invalid:
            form.add_error(None, invalid)
    return render(
        request,
        "workflow/confirm.html",
        {
            "plan": plan,
            "plan_url": plan_page_url(plan),
            "status": services.status_label(plan),
            "step": step_name,
            "title": services.step_label(step_name, plan),
            "form": form,
            "decided_by_committee": services.is_decided_by_committee(plan),
            "version": services.current_version(plan),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = ReturnForm(request.POST or None, plan=plan)
    return _confirmation(
        request,
        plan,
        Action.RETURN,
        form,
        lambda: services.return_to_draft(
            plan=plan,
            user=_user(request),
            base_revision=form.base_revision,
            comment=form.cleaned_data["comment"],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = AdoptForm(
        request.POST or None,
        plan=plan,
        decided_by_committee=services.is_decided_by_committee(plan),
    )
    return _confirmation(
        request,
        plan,
        Action.ADOPT,
        form,
        lambda: services.adopt(
            plan=plan,
            user=_user(request),
            base_revision=form.base_revision,
            decided_on=form.cleaned_data["decided_on"],
            case_number=form.cleaned_data["case_number"],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lock(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = TransitionForm(request.POST or None, plan=plan)
    return _confirmation(
        request,
        plan,
        Action.LOCK,
        form,
        lambda: services.lock(plan=plan, user=_user(request), base_revision=form.base_revision),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = ReopenForm(request.POST or None, plan=plan)
    return _confirmation(
        request,
        plan,
        Action.REOPEN,
        form,
        lambda: services.reopen(
            plan=plan,
            user=_user(request),
            base_revision=form.base_revision,
            comment=form.cleaned_data["comment"],
        ),
    )
