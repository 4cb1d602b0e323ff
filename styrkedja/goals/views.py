"""Editing the goals a plan shows: add, edit (also inline), move, delete, expected results.

Goals are shared: one nämndmål belongs to every unit plan of its nämnd. So each
view checks two things: that the user may write the plan it works through
(get_plan_by_id_for_user with write=True), and that the user may write goals of
the goal's owner (access.can_edit_goals_owned_by), which is a different rule for
enhetsmål, nämndmål and KF goals. A goal the plan does not show is not found.
As for sections, htmx gets the piece of page that changed, a plain browser a
full page or a redirect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styrkedja.core.htmx import is_htmx
from styrkedja.goals import services
from styrkedja.goals.forms import ExpectedResultForm, GoalForm, GoalMoveForm
from styrkedja.goals.models import ExpectedResult, Goal, GoalQuerySet
from styrkedja.goals.outline import OutlineNode, child_level, levels_by_depth, plan_goals
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.forms import posted_revision
from styrkedja.history.writes import EditConflict
from styrkedja.org import access
from styrkedja.plans.models import Plan, get_plan_by_id_for_user

if TYPE_CHECKING:
    from styrkedja.org.access import AnyUser

# The goal edit page's list of expected results, which htmx swaps as a whole.
RESULTS_PARTIAL = "goals/goal_edit.html#expected-results"


def _plan_edit_url(plan: Plan, goal: Goal | None = None) -> str:
    url = reverse("plans:edit", args=[plan.pk])
    return f"{url}#goal-{goal.pk}" if goal is not None else url


def _goal_url(plan: Plan, goal: Goal) -> str:
    return reverse("goals:edit", args=[plan.pk, goal.pk])


def _plan_and_goal(request: HttpRequest, plan_id: int, goal_id: int) -> tuple[Plan, Goal]:
    """The plan (for writing) and one of the goals it shows, which the user may write.

    404 for a goal the plan does not show (another year, another branch of the tree);
    403 for a goal whose owner's goals the user may not write.
    """
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    goal = get_object_or_404(
        plan_goals(plan).select_related("level", "owner", "year", "parent"), pk=goal_id
    )
    if not access.can_edit_goals_owned_by(request.user, goal.owner):
        raise PermissionDenied(_("You may read this goal but not change it."))
    return plan, goal


def _result_of(goal: Goal, result_id: int) -> ExpectedResult:
    return get_object_or_404(ExpectedResult, pk=result_id, goal=goal)


# Goals -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, plan_id: int, parent_id: int) -> HttpResponse:
    """A new goal of the plan's unit under `parent`, at the level one step below it."""
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    parent = get_object_or_404(plan_goals(plan).select_related("level", "year"), pk=parent_id)
    level = child_level(parent, plan, levels_by_depth())
    if level is None:
        raise Http404(_("The plan's unit has no goals at the level below this goal."))
    if not access.can_edit_goals_owned_by(request.user, plan.org_unit):
        raise PermissionDenied(_("You may not add goals of %(unit)s.") % {"unit": plan.org_unit})
    instance = Goal(level=level, owner=plan.org_unit, year=plan.year, parent=parent)
    form = GoalForm(request.POST or None, level=level, instance=instance)
    if request.method == "POST" and form.is_valid():
        goal = services.add_goal(
            parent=parent,
            owner=plan.org_unit,
            level=level,
            title=form.cleaned_data["title"],
            number=form.cleaned_data.get("number", ""),
            texts={name: form.cleaned_data[name] for name in _text_fields(form)},
        )
        # Next the user usually writes the goal's expected results, on its own page.
        return redirect(_goal_url(plan, goal))
    return render(
        request,
        "goals/goal_create.html",
        {"plan": plan, "parent": parent, "level": level, "form": form},
        status=422 if form.errors else 200,
    )


def _text_fields(form: GoalForm) -> list[str]:
    return [name for name in services.TEXT_FIELDS if name in form.fields]


def _goal_page(
    request: HttpRequest, plan: Plan, goal: Goal, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The goal's edit page: its fields, then its expected results with their small forms."""
    context = {
        "plan": plan,
        "goal": goal,
        "form": GoalForm(instance=goal, level=goal.level),
        **_results_context(goal),
        **extra,
    }
    return render(request, "goals/goal_edit.html", context, status=status)


def _results_context(goal: Goal, **extra: Any) -> dict[str, Any]:
    return {
        "results": list(goal.expected_results.all()),
        "new_result_form": ExpectedResultForm(prefix="new"),
        "editing_result": None,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """The goal's page; for htmx, the goal's row in the plan outline turned into a form."""
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    form = GoalForm(request.POST or None, instance=goal, level=goal.level)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_goal(goal, base_revision=form.base_revision, **form.edited_values())
        except EditConflict as refused:
            conflict = refuse_edit(refused, form, discard_url=_goal_url(plan, goal))
        else:
            if is_htmx(request):
                node = OutlineNode(goal=goal, editable=True)
                return render(
                    request, "goals/_outline_node.html#goal-row", {"plan": plan, "node": node}
                )
            return redirect(_plan_edit_url(plan, goal))
    status = 409 if conflict else 422 if form.errors else 200
    if is_htmx(request):
        return render(
            request,
            "goals/_outline_node.html#goal-editing",
            {"plan": plan, "goal": goal, "form": form, "conflict": conflict},
            status=status,
        )
    return _goal_page(request, plan, goal, form=form, conflict=conflict, status=status)


def _parent_choices(user: AnyUser, goal: Goal) -> GoalQuerySet:
    """The goals `goal` may contribute to: one level up, same year, owned above its owner,
    and visible to the user (for an enhetsmål, the nämndmål of its nämnd)."""
    return (
        Goal.objects.visible_to(user)
        .filter(
            year_id=goal.year_id,
            level__depth=goal.level.depth - 1,
            owner_id__in=goal.owner.ancestor_ids,
        )
        .select_related("level")
        .order_by("position", "number", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """Let the goal contribute to another goal one level up."""
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    if goal.parent_id is None:
        raise Http404(_("A goal at the top level contributes to no other goal."))
    form = GoalMoveForm(
        request.POST or None,
        choices=_parent_choices(request.user, goal),
        initial={"parent": goal.parent_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.move_goal(goal=goal, parent=form.cleaned_data["parent"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            return redirect(_plan_edit_url(plan, goal))
    return render(
        request,
        "goals/goal_move.html",
        {"plan": plan, "goal": goal, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """GET lists what goes with the goal (or why it cannot go); POST deletes it."""
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    changed_since = False
    if request.method == "POST":
        try:
            services.delete_goal(goal=goal, base_revision=posted_revision(request))
        except services.DeletionRefused:
            pass  # The page below says why.
        except EditConflict:
            changed_since = True  # The page below shows the goal as it is now.
        else:
            return redirect(_plan_edit_url(plan))
    deletion = services.describe_goal_deletion(goal)
    return render(
        request,
        "goals/goal_delete.html",
        {"plan": plan, "goal": goal, "deletion": deletion, "changed_since": changed_since},
        status=(409 if changed_since else 422) if request.method == "POST" else 200,
    )


# Expected results ------------------------------------------------------------------------


def _results_answer(
    request: HttpRequest, plan: Plan, goal: Goal, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """After a change to the list: the list for htmx, the goal page again otherwise.

    A refused change (status 422) shows the page with the message in place; a done
    one redirects, so reloading the page does not send the form again.
    """
    if is_htmx(request):
        context = {"plan": plan, "goal": goal, **_results_context(goal, **extra)}
        return render(request, RESULTS_PARTIAL, context, status=status)
    if status == 200 and request.method == "POST":  # 409 and 422 show the page with the form
        return redirect(f"{_goal_url(plan, goal)}#expected-results")
    return _goal_page(request, plan, goal, status=status, **extra)


@login_required
@require_POST
def result_add(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    form = ExpectedResultForm(request.POST, prefix="new")
    if not form.is_valid():
        return _results_answer(request, plan, goal, status=422, new_result_form=form)
    services.add_expected_result(goal, form.cleaned_data["text"])
    return _results_answer(request, plan, goal)


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, plan_id: int, goal_id: int, result_id: int) -> HttpResponse:
    """GET shows the list with this expected result as a form; POST saves it."""
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    result = _result_of(goal, result_id)
    form = ExpectedResultForm(request.POST or None, instance=result, prefix="result")
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_expected_result(
                result, base_revision=form.base_revision, text=form.cleaned_data["text"]
            )
        except EditConflict as refused:
            discard_url = f"{_goal_url(plan, goal)}#expected-results"
            conflict = refuse_edit(refused, form, discard_url=discard_url)
        else:
            return _results_answer(request, plan, goal)
    status = 409 if conflict else 422 if form.errors else 200
    return _results_answer(
        request,
        plan,
        goal,
        status=status,
        editing_result=result,
        result_form=form,
        result_conflict=conflict,
    )


@login_required
@require_POST
def result_move(request: HttpRequest, plan_id: int, goal_id: int, result_id: int) -> HttpResponse:
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    result = _result_of(goal, result_id)
    services.move_expected_result(result, up=request.POST.get("direction") == "up")
    return _results_answer(request, plan, goal)


@login_required
@require_POST
def result_remove(request: HttpRequest, plan_id: int, goal_id: int, result_id: int) -> HttpResponse:
    plan, goal = _plan_and_goal(request, plan_id, goal_id)
    result = _result_of(goal, result_id)
    try:
        services.remove_expected_result(result=result, base_revision=posted_revision(request))
    except services.DeletionRefused as refused:
        return _results_answer(request, plan, goal, status=422, result_message=str(refused))
    except EditConflict as refused:
        message = _(
            "The expected result was changed by %(who)s since you saw it, and was not removed. "
            "It now reads as shown below."
        ) % {"who": ", ".join(dict.fromkeys(change.who for change in refused.changes))}
        return _results_answer(request, plan, goal, status=409, result_message=message)
    return _results_answer(request, plan, goal)
