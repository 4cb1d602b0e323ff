"""What a unit's plan shows of the shared goals above its unit (issue #4).

A nämndmål is one object for all the units of the nämnd, but each unit's plan shows
only some of its expected results and activities, sometimes in its own words
(PlanGoal and its rows). This edits the unit's plan, not the goal: the plan rule
applies (get_plan_by_id_for_user(write=True)), and the goal must be owned by a unit
above the plan's unit and be of the plan's year (404 otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.core.htmx import is_htmx
from styrkedja.goals.models import Goal, GoalQuerySet
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.writes import EditConflict
from styrkedja.plans import services
from styrkedja.plans.inclusion_forms import InclusionForm
from styrkedja.plans.models import Plan, PlanGoal, PlanIndicator, get_plan_by_id_for_user


@dataclass
class GoalChoice:
    """A goal above the plan's unit on the overview, with what the plan shows of it."""

    goal: Goal
    inclusion: PlanGoal | None
    result_count: int
    activity_count: int


def _edit_url(plan: Plan) -> str:
    return reverse("plans:edit", args=[plan.pk])


def _goals_above(plan: Plan) -> GoalQuerySet:
    return Goal.objects.filter(year_id=plan.year_id, owner_id__in=plan.org_unit.ancestor_ids)


def _goal_for(request: HttpRequest, plan_id: int, goal_id: int) -> tuple[Plan, Goal]:
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    goal = get_object_or_404(_goals_above(plan).select_related("level", "owner"), pk=goal_id)
    return plan, goal


def _natural_key(number: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"[.\s]+", number)
        if part
    )


def _tree_order(goals: list[Goal]) -> list[Goal]:
    """The goals as the plan's goal chain lists them: each followed by those contributing to it."""
    by_parent: dict[int | None, list[Goal]] = {}
    ids = {goal.pk for goal in goals}
    for goal in goals:
        by_parent.setdefault(goal.parent_id if goal.parent_id in ids else None, []).append(goal)
    ordered: list[Goal] = []

    def visit(parent_id: int | None) -> None:
        children = sorted(
            by_parent.get(parent_id, []),
            key=lambda goal: (goal.position, _natural_key(goal.number), goal.pk),
        )
        for child in children:
            ordered.append(child)
            visit(child.pk)

    visit(None)
    return ordered


@login_required
@require_GET
def index(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The goals above the plan's unit, and what the plan shows of each."""
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    goals = list(
        _goals_above(plan)
        .select_related("level", "owner")
        .annotate(
            result_total=Count("expected_results", distinct=True),
            activity_total=Count("activities", distinct=True),
        )
    )
    inclusions = {
        inclusion.goal_id: inclusion
        for inclusion in PlanGoal.objects.filter(plan=plan).annotate(
            result_count=Count("expected_results", distinct=True),
            activity_count=Count("activities", distinct=True),
        )
    }
    choices = [
        GoalChoice(
            goal=goal,
            inclusion=inclusions.get(goal.pk),
            result_count=getattr(inclusions.get(goal.pk), "result_count", 0),
            activity_count=getattr(inclusions.get(goal.pk), "activity_count", 0),
        )
        for goal in _tree_order(goals)
    ]
    return render(request, "plans/inclusion_index.html", {"plan": plan, "choices": choices})


def _form(
    plan: Plan, goal: Goal, data: QueryDict | None = None
) -> tuple[InclusionForm, PlanGoal | None]:
    """The form, filled from the plan's inclusion of the goal (if it shows it)."""
    inclusion = (
        PlanGoal.objects.filter(plan=plan, goal=goal)
        .prefetch_related(
            "expected_results",
            "activities",
            Prefetch("indicators", queryset=PlanIndicator.objects.select_related("indicator")),
        )
        .first()
    )
    expected_results = list(goal.expected_results.order_by("position", "pk"))
    activities = list(goal.activities.order_by("position", "pk").prefetch_related("assignments"))
    here = {plan.org_unit_id, *plan.org_unit.ancestor_ids}
    initial: dict[str, object] = {}
    if inclusion is not None:
        initial["title"] = inclusion.title
        initial["description"] = inclusion.description
        for result_row in inclusion.expected_results.all():
            initial[f"result_{result_row.expected_result_id}"] = True
            initial[f"result_{result_row.expected_result_id}_text"] = result_row.text
        for activity_row in inclusion.activities.all():
            initial[f"activity_{activity_row.activity_id}"] = True
            initial[f"activity_{activity_row.activity_id}_text"] = activity_row.text
    form = InclusionForm(
        data,
        initial=initial,
        goal=goal,
        inclusion=inclusion,
        expected_results=expected_results,
        activities=activities,
        assigned_ids={
            activity.pk
            for activity in activities
            if any(a.org_unit_id in here for a in activity.assignments.all())
        },
    )
    return form, inclusion


@login_required
@require_http_methods(["GET", "POST"])
def goal_inclusion(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """Choose the goal's expected results and activities the plan shows, and their wording.

    The plan's title and description of the goal are checked against the revision the form
    showed: a save refused because someone else saved them first comes back with 409, the
    user's input and what changed, and nothing of it written.
    """
    plan, goal = _goal_for(request, plan_id, goal_id)
    form, inclusion = _form(plan, goal, request.POST if request.method == "POST" else None)
    saved = False
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.set_plan_inclusion(
                    plan=plan,
                    goal=goal,
                    **form.edited_values(),
                    expected_results=form.chosen_results(),
                    activities=form.chosen_activities(),
                    # This form leaves the plan's indicators of the goal alone.
                    indicators=[row.indicator for row in _indicator_rows(inclusion)],
                    base_revision=form.base_revision,
                )
        except EditConflict as refused:
            discard_url = reverse("inclusion:goal", args=[plan.pk, goal.pk])
            conflict = refuse_edit(refused, form, discard_url=discard_url)
        else:
            if not is_htmx(request):
                return redirect(_edit_url(plan))
            form, inclusion = _form(plan, goal)
            saved = True
    template = (
        "plans/inclusion_form.html#inclusion-form"
        if is_htmx(request)
        else "plans/inclusion_form.html"
    )
    context = {
        "plan": plan,
        "goal": goal,
        "form": form,
        "inclusion": inclusion,
        "saved": saved,
        "conflict": conflict,
    }
    return render(
        request,
        template,
        context,
        status=409 if conflict else 422 if form.errors else 200,
    )


def _indicator_rows(inclusion: PlanGoal | None) -> list[PlanIndicator]:
    if inclusion is None:
        return []
    return list(inclusion.indicators.all())


@login_required
@require_http_methods(["GET", "POST"])
def goal_remove(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """GET asks for confirmation; POST stops the plan from showing the goal."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    inclusion = get_object_or_404(
        PlanGoal.objects.annotate(
            result_count=Count("expected_results", distinct=True),
            activity_count=Count("activities", distinct=True),
            indicator_count=Count("indicators", distinct=True),
        ),
        plan=plan,
        goal=goal,
    )
    if request.method == "POST":
        with transaction.atomic():
            kept = list(Goal.objects.filter(plan_inclusions__plan=plan).exclude(pk=goal.pk))
            services.remove_plan_inclusions_except(plan, kept)
        return redirect(_edit_url(plan))
    return render(
        request,
        "plans/inclusion_remove.html",
        {"plan": plan, "goal": goal, "inclusion": inclusion},
    )
