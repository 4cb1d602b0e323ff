"""Editing a goal's indicators from a plan: attach from the catalogue, define, reorder,
remove, and set the plan unit's årsmål.

Every view fetches the plan through get_plan_by_id_for_user(write=True) and the goal
through _goal_for, so the full pages and the partials htmx asks for obey the same
rules. What changes the goal itself (its list of indicators) also needs the right to
edit goals of the goal's owner; a target is the plan unit's own, so the plan's write
access is enough for it. These views sit under the plan's URL and read plans' models,
which is why this module (and only it) imports from the app above.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.core.collation import swedish
from styrkedja.core.htmx import is_htmx
from styrkedja.core.search import fold
from styrkedja.goals.models import Goal
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.writes import EditConflict
from styrkedja.indicators import services
from styrkedja.indicators.forms import IndicatorForm, SearchForm, TargetForm
from styrkedja.indicators.models import GoalIndicator, Indicator, Target
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan, PlanGoal, PlanIndicator, get_plan_by_id_for_user

SEARCH_LIMIT = 20


@dataclass
class IndicatorRow:
    """One line of the goal's indicator table, as the plan prints it."""

    link: GoalIndicator
    # The plan unit's årsmål, or failing that the nearest unit's above it (None if none).
    target: Target | None
    # KF:s årsmål: the target set on the municipality.
    council_target: Target | None
    # True when the årsmål shown is a unit's above the plan's (the plan repeats it).
    target_is_inherited: bool = False
    # False for an indicator of a goal from above that this plan does not show.
    in_plan: bool = True

    @property
    def indicator(self) -> Indicator:
        return self.link.indicator


def _goal_for(request: HttpRequest, plan_id: int, goal_id: int) -> tuple[Plan, Goal]:
    """The plan (for writing) and one of the goals it shows with their indicators.

    A plan shows the indicators of its unit's own goals and of the goals from above
    that it includes; other goals are 404 here.
    """
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    included = PlanGoal.objects.filter(plan=plan, goal=OuterRef("pk"))
    goal = get_object_or_404(
        Goal.objects.select_related("owner", "level").filter(
            Q(owner_id=plan.org_unit_id) | Exists(included)
        ),
        pk=goal_id,
        year_id=plan.year_id,
    )
    return plan, goal


def _check_edit_goal(request: HttpRequest, goal: Goal) -> None:
    if not access.can_edit_goals_owned_by(request.user, goal.owner):
        raise PermissionDenied(_("You may set targets here, but not change the goal's indicators."))


def _link_for(goal: Goal, indicator_id: int) -> GoalIndicator:
    return get_object_or_404(
        GoalIndicator.objects.select_related("indicator"), goal=goal, indicator_id=indicator_id
    )


def _rows(plan: Plan, goal: Goal, links: list[GoalIndicator]) -> list[IndicatorRow]:
    """The rows with their targets, in one query for all (and one more for a goal from above).

    Like the printed plan (plans.document): the plan unit's own årsmål, else the nearest
    unit's above it; KF:s årsmål is the municipality's.
    """
    unit = plan.org_unit
    chain = [unit.pk, *reversed(unit.ancestor_ids)]
    targets = list(
        Target.objects.current()
        .filter(
            year_id=plan.year_id,
            indicator_id__in=[link.indicator_id for link in links],
            org_unit_id__in=chain,
        )
        .select_related("org_unit")
    )
    by_key = {(target.indicator_id, target.org_unit_id): target for target in targets}
    shown: set[int] | None = None
    if goal.owner_id != unit.pk:
        shown = set(
            PlanIndicator.objects.filter(plan_goal__plan=plan, plan_goal__goal=goal).values_list(
                "indicator_id", flat=True
            )
        )
    rows = []
    for link in links:
        found = (by_key.get((link.indicator_id, org_id)) for org_id in chain)
        candidates = [target for target in found if target is not None]
        own = [t for t in candidates if t.org_unit.kind != OrgUnit.Kind.MUNICIPALITY]
        council = [t for t in candidates if t.org_unit.kind == OrgUnit.Kind.MUNICIPALITY]
        target = own[0] if own else None
        rows.append(
            IndicatorRow(
                link=link,
                target=target,
                council_target=council[0] if council else None,
                target_is_inherited=target is not None and target.org_unit_id != unit.pk,
                in_plan=shown is None or link.indicator_id in shown,
            )
        )
    return rows


def _list_context(request: HttpRequest, plan: Plan, goal: Goal) -> dict[str, object]:
    links = list(goal.goal_indicators.select_related("indicator").order_by("position", "pk"))
    return {
        "plan": plan,
        "goal": goal,
        "rows": _rows(plan, goal, links),
        **_edit_rights(request, plan, goal),
    }


def _edit_rights(request: HttpRequest, plan: Plan, goal: Goal) -> dict[str, bool]:
    """What the page offers: changing the goal's list needs more than setting targets."""
    return {
        "can_edit_goal": access.can_edit_goals_owned_by(request.user, goal.owner),
        "sets_council_target": plan.org_unit.kind == OrgUnit.Kind.MUNICIPALITY,
    }


def _goal_url(plan: Plan, goal: Goal) -> str:
    return reverse("indicators:goal", args=[plan.pk, goal.pk])


def _search_form(plan: Plan, goal: Goal, data: object = None) -> SearchForm:
    return SearchForm(data, search_url=reverse("indicators:search", args=[plan.pk, goal.pk]))


def _search(goal: Goal, query: str) -> dict[str, object]:
    """Catalogue indicators whose folded name holds every word of the query, Swedish order.

    search_name is kept folded (lower case, å/ä/ö as a/a/o), so a plain `contains`
    behaves alike on SQLite and PostgreSQL.
    """
    words = fold(query).split()
    if not words:
        return {"query": query, "results": [], "more": False, "followed": set(), "limit": 0}
    matches = Indicator.objects.all()
    for word in words:
        matches = matches.filter(search_name__contains=word)
    found = list(matches.order_by(swedish("name"), "pk")[: SEARCH_LIMIT + 1])
    followed = set(goal.goal_indicators.values_list("indicator_id", flat=True))
    return {
        "query": query,
        "results": found[:SEARCH_LIMIT],
        "more": len(found) > SEARCH_LIMIT,
        "followed": followed,
        "limit": SEARCH_LIMIT,
    }


@login_required
@require_GET
def goal_indicators(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """The goal's indicators as the plan prints them, with the actions on each."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    context = _list_context(request, plan, goal)
    context["search_form"] = _search_form(plan, goal)
    return render(request, "indicators/goal.html", context)


@login_required
@require_GET
def search(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """Catalogue search: the results alone for htmx, the whole page with them otherwise."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    _check_edit_goal(request, goal)
    form = _search_form(plan, goal, request.GET)
    results = _search(goal, form.query)
    if is_htmx(request):
        return render(
            request,
            "indicators/goal.html#search-results",
            {"plan": plan, "goal": goal, "searched": True, **results},
        )
    context = _list_context(request, plan, goal)
    context.update({"search_form": form, "searched": True, **results})
    return render(request, "indicators/goal.html", context)


def _list_response(request: HttpRequest, plan: Plan, goal: Goal) -> HttpResponse:
    if is_htmx(request):
        return render(
            request, "indicators/goal.html#indicator-list", _list_context(request, plan, goal)
        )
    return redirect(_goal_url(plan, goal))


@login_required
@require_POST
def attach(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """Follow a catalogue indicator under the goal."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    _check_edit_goal(request, goal)
    indicator_id = request.POST.get("indicator", "")
    indicator = get_object_or_404(
        Indicator, pk=int(indicator_id) if indicator_id.isdigit() else None
    )
    services.attach_indicator_to_goal(goal=goal, indicator=indicator)
    return _list_response(request, plan, goal)


def _check_define(request: HttpRequest, goal: Goal) -> None:
    _check_edit_goal(request, goal)
    # A new indicator is owned at the goal owner's level; KF indicators are the city's.
    if goal.owner.kind == OrgUnit.Kind.MUNICIPALITY and not access.administers_municipality(
        request.user
    ):
        raise PermissionDenied(
            _("Only an administrator of the municipality defines KF indicators.")
        )


@login_required
@require_http_methods(["GET", "POST"])
def define(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """Define a new catalogue indicator and follow it under the goal."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    _check_define(request, goal)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.define_indicator_for_goal(
                goal=goal,
                **{name: form.cleaned_data[name] for name in IndicatorForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_goal_url(plan, goal))
    return render(
        request,
        "indicators/indicator_form.html",
        {"plan": plan, "goal": goal, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def move(request: HttpRequest, plan_id: int, goal_id: int, indicator_id: int) -> HttpResponse:
    plan, goal = _goal_for(request, plan_id, goal_id)
    _check_edit_goal(request, goal)
    services.move_goal_indicator(
        _link_for(goal, indicator_id), up=request.POST.get("direction") == "up"
    )
    return _list_response(request, plan, goal)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, plan_id: int, goal_id: int, indicator_id: int) -> HttpResponse:
    """GET asks for confirmation and says what goes with it; POST removes."""
    plan, goal = _goal_for(request, plan_id, goal_id)
    _check_edit_goal(request, goal)
    link = _link_for(goal, indicator_id)
    if request.method == "POST":
        services.remove_goal_indicator(link)
        return redirect(_goal_url(plan, goal))
    other_plans = list(
        Plan.objects.filter(
            included_goals__goal=goal, included_goals__indicators__indicator_id=indicator_id
        )
        .exclude(pk=plan.pk)
        .select_related("org_unit", "year")
        .order_by(swedish("org_unit__name"), "pk")
    )
    return render(
        request,
        "indicators/indicator_remove.html",
        {"plan": plan, "goal": goal, "indicator": link.indicator, "other_plans": other_plans},
    )


@login_required
@require_http_methods(["GET", "POST"])
def target(request: HttpRequest, plan_id: int, goal_id: int, indicator_id: int) -> HttpResponse:
    """Set the plan unit's årsmål (KF:s årsmål in the municipality's plan).

    A save refused because someone else saved the target first (409) shows their change
    above the form: it keeps what this user changed and takes theirs elsewhere, so saving
    again loses neither.
    """
    plan, goal = _goal_for(request, plan_id, goal_id)
    link = _link_for(goal, indicator_id)
    current = services.current_target(
        indicator=link.indicator, org_unit=plan.org_unit, year=plan.year
    )
    form = TargetForm(
        request.POST or None,
        year=plan.year.number,
        current=current,
        initial=TargetForm.initial_for(current, link.indicator),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ("kind", "value", "unit", "comment")}
        try:
            services.set_target_of_kind(
                indicator=link.indicator,
                org_unit=plan.org_unit,
                year=plan.year,
                base_revision=form.base_revision,
                **values,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except EditConflict as refused:
            assert isinstance(refused.current, Target)
            current = refused.current
            conflict = refuse_edit(
                refused,
                form,
                yours=services.target_parts_as_stored(**values),
                discard_url=reverse("indicators:target", args=[plan.pk, goal.pk, indicator_id]),
            )
        else:
            if is_htmx(request):
                (row,) = _rows(plan, goal, [link])
                context = {**_edit_rights(request, plan, goal), "plan": plan, "goal": goal}
                context["row"] = row
                return render(request, "indicators/goal.html#indicator-row", context)
            return redirect(_goal_url(plan, goal))
    template = (
        "indicators/goal.html#target-editing" if is_htmx(request) else "indicators/target_form.html"
    )
    return render(
        request,
        template,
        {
            **_edit_rights(request, plan, goal),
            "plan": plan,
            "goal": goal,
            "indicator": link.indicator,
            "current": current,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 422 if form.errors else 200,
    )
