"""Editing a goal's activities from a plan: add, edit (also inline), reorder, delete, and for a
nämndmål choose the units that carry each activity out.

The plan is fetched for writing (its unit's editors, while it is a draft) and the goal must
be the plan's unit's own or one above it, of the plan's year; on top of that the user must be
allowed to write goals of the goal's owner (KF, the nämnd or the unit). Every view, full page
or htmx partial, checks all of it through _goal_for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.activities import services
from styrkedja.activities.forms import ActivityForm
from styrkedja.activities.models import Activity
from styrkedja.core.collation import swedish
from styrkedja.core.htmx import is_htmx
from styrkedja.goals.models import Goal
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.forms import posted_revision
from styrkedja.history.writes import EditConflict
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan, get_plan_by_id_for_user


@dataclass
class ActivityRow:
    """An activity as its row shows it, with what the editor should look at again."""

    activity: Activity
    units: list[OrgUnit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _goal_for(request: HttpRequest, plan_id: int, goal_id: int) -> tuple[Plan, Goal]:
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    goal = get_object_or_404(
        Goal.objects.select_related("level", "owner"),
        pk=goal_id,
        year_id=plan.year_id,
        owner_id__in=[*plan.org_unit.ancestor_ids, plan.org_unit_id],
    )
    if not access.can_edit_goals_owned_by(request.user, goal.owner):
        raise PermissionDenied(_("You may not change the activities of this goal."))
    return plan, goal


def _activity_for(
    request: HttpRequest, plan_id: int, goal_id: int, activity_id: int
) -> tuple[Plan, Goal, Activity]:
    plan, goal = _goal_for(request, plan_id, goal_id)
    activity = get_object_or_404(
        Activity.objects.prefetch_related("assignments"), pk=activity_id, goal=goal
    )
    return plan, goal, activity


def _chooses_units(goal: Goal) -> bool:
    # A nämnd assigns its activities to the units that carry them out (DOMAIN.md 3).
    return goal.owner.kind == OrgUnit.Kind.COUNCIL


def _units_below(plan: Plan, goal: Goal) -> list[OrgUnit] | None:
    """The units that may carry out the goal's activities, or None if none are chosen."""
    if not _chooses_units(goal):
        return None
    return list(
        OrgUnit.objects.descendants_of(goal.owner, include_self=False)
        .filter(kind=OrgUnit.Kind.UNIT)
        .valid_in(plan.year.number)
        .in_swedish_order()
    )


def _warnings(activity: Activity, year: int) -> list[str]:
    """Dates outside the plan's year are allowed (activities span years) but worth a look."""
    warnings = []
    if activity.starts_on and activity.starts_on.year != year:
        warnings.append(_("The start date is outside the plan's year %(year)s.") % {"year": year})
    if activity.ends_on and activity.ends_on.year != year:
        warnings.append(_("The end date is outside the plan's year %(year)s.") % {"year": year})
    return warnings


def _row(activity: Activity, plan: Plan, units: list[OrgUnit]) -> ActivityRow:
    assigned = {assignment.org_unit_id for assignment in activity.assignments.all()}
    return ActivityRow(
        activity=activity,
        units=[unit for unit in units if unit.pk in assigned],
        warnings=_warnings(activity, plan.year.number),
    )


def _list_context(plan: Plan, goal: Goal) -> dict[str, object]:
    units = _units_below(plan, goal)
    activities = goal.activities.order_by("position", "pk").prefetch_related("assignments")
    return {
        "plan": plan,
        "goal": goal,
        "chooses_units": units is not None,
        "rows": [_row(activity, plan, units or []) for activity in activities],
    }


def _row_context(plan: Plan, goal: Goal, activity: Activity) -> dict[str, object]:
    units = _units_below(plan, goal)
    return {
        "plan": plan,
        "goal": goal,
        "chooses_units": units is not None,
        "row": _row(activity, plan, units or []),
    }


def _goal_url(plan: Plan, goal: Goal) -> str:
    return reverse("activities:goal", args=[plan.pk, goal.pk])


def _chosen_units(form: ActivityForm) -> list[OrgUnit] | None:
    if "units" not in form.fields:
        return None
    return list(form.cleaned_data["units"])


@login_required
@require_GET
def goal_activities(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """The goal's activities, with the actions on each."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    template = "activities/goal.html#activity-list" if is_htmx(request) else "activities/goal.html"
    return render(request, template, _list_context(plan, goal))


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan, goal = _goal_for(request, plan_id, goal_id)
    units = _units_below(plan, goal)
    form = ActivityForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        activity = services.add_activity(
            goal=goal,
            text=form.cleaned_data["text"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            units=_chosen_units(form),
        )
        return redirect(f"{_goal_url(plan, goal)}#activity-{activity.pk}")
    return render(
        request,
        "activities/activity_form.html",
        {"plan": plan, "goal": goal, "form": form, "activity": None},
        status=422 if form.errors else 200,
    )


def _initial(activity: Activity) -> dict[str, object]:
    return {
        "text": activity.text,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "units": [assignment.org_unit_id for assignment in activity.assignments.all()],
    }


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(
    request: HttpRequest, plan_id: int, goal_id: int, activity_id: int
) -> HttpResponse:
    """The activity as a form (for htmx, its row in the list); a save refused because
    someone else saved first comes back with 409, the user's input and what changed."""
    plan, goal, activity = _activity_for(request, plan_id, goal_id, activity_id)
    units = _units_below(plan, goal)
    form = ActivityForm(
        request.POST or None, initial=_initial(activity), units=units, activity=activity
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                activity=activity,
                base_revision=form.base_revision,
                units=_chosen_units(form),
                **form.edited_values(),
            )
        except EditConflict as refused:
            discard_url = reverse("activities:edit", args=[plan.pk, goal.pk, activity.pk])
            conflict = refuse_edit(refused, form, discard_url=discard_url)
        else:
            if is_htmx(request):
                activity = Activity.objects.prefetch_related("assignments").get(pk=activity.pk)
                return render(
                    request,
                    "activities/goal.html#activity-row",
                    _row_context(plan, goal, activity),
                )
            return redirect(f"{_goal_url(plan, goal)}#activity-{activity.pk}")
    template = (
        "activities/goal.html#activity-editing"
        if is_htmx(request)
        else "activities/activity_form.html"
    )
    return render(
        request,
        template,
        {
            "plan": plan,
            "goal": goal,
            "form": form,
            "activity": activity,
            "chooses_units": units is not None,
            "conflict": conflict,
        },
        status=409 if conflict else 422 if form.errors else 200,
    )


@login_required
@require_POST
def activity_move(
    request: HttpRequest, plan_id: int, goal_id: int, activity_id: int
) -> HttpResponse:
    plan, goal, activity = _activity_for(request, plan_id, goal_id, activity_id)
    services.move_activity(activity, up=request.POST.get("direction") == "up")
    if is_htmx(request):
        return render(request, "activities/goal.html#activity-list", _list_context(plan, goal))
    return redirect(f"{_goal_url(plan, goal)}#activity-{activity.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(
    request: HttpRequest, plan_id: int, goal_id: int, activity_id: int
) -> HttpResponse:
    """GET shows what goes with the activity and asks for confirmation; POST deletes.

    Plans that still are drafts lose it with it; a plan past draft (marked ready,
    approved, decided) must keep showing what was decided, so there it stays.
    """
    plan, goal, activity = _activity_for(request, plan_id, goal_id, activity_id)
    changed_since = False
    changed_by: list[str] = []
    with transaction.atomic():
        shown_in = list(
            Plan.objects.filter(included_goals__activities__activity=activity)
            .select_related("org_unit", "year")
            .order_by(swedish("org_unit__name"), "kind")
            .distinct()
        )
        kept_by = [shown for shown in shown_in if shown.status != Plan.Status.DRAFT]
        if request.method == "POST" and not kept_by:
            try:
                services.delete_activity(activity=activity, base_revision=posted_revision(request))
            except EditConflict as refused:
                # The page below shows the activity as it is now, to be confirmed again.
                changed_since = True
                changed_by = list(dict.fromkeys(change.who for change in refused.changes))
            else:
                return redirect(_goal_url(plan, goal))
    refused_here = request.method == "POST" and bool(kept_by or changed_since)
    return render(
        request,
        "activities/activity_delete.html",
        {
            "plan": plan,
            "goal": goal,
            "activity": activity,
            "shown_in": shown_in,
            "kept_by": kept_by,
            "changed_since": changed_since,
            "changed_by": changed_by,
            "assigned_count": len(activity.assignments.all()),
        },
        status=409 if refused_here else 200,
    )
