"""Pages that compose several apps: the start page and the plan page."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from styrkedja.comments.summary import plan_comment_summary
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.org.tree import build_tree
from styrkedja.periods.models import PeriodKind, Year
from styrkedja.plans.document import build_plan_document
from styrkedja.plans.models import Plan, get_plan_for_user
from styrkedja.reports.overview import period_being_reported


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The organisation tree the user may read, with the years that have a plan."""
    units = list(access.visible_units(request.user).in_swedish_order())
    years: defaultdict[int, list[int]] = defaultdict(list)
    plans = (
        Plan.objects.visible_to(request.user)
        .filter(kind=PeriodKind.PLAN)
        .order_by("-year__number")
        .values_list("org_unit_id", "year__number")
    )
    for unit_id, year in plans:
        years[unit_id].append(year)
    roots = build_tree(units)
    for root in roots:
        for node in root.walk():
            node.years = years[node.unit.pk]
    # Name the units above each visible branch, so that a unit's reader knows where it sits.
    above_ids = {pk for root in roots for pk in root.unit.ancestor_ids}
    names = dict(OrgUnit.objects.filter(pk__in=above_ids).values_list("pk", "name"))
    tree = [
        {"node": root, "context": [names[pk] for pk in root.unit.ancestor_ids if pk in names]}
        for root in roots
    ]
    councils = [unit for unit in units if unit.kind == OrgUnit.Kind.COUNCIL]
    roll_over_ids = {unit.pk for unit in councils if access.can_roll_over(request.user, unit)}
    manage_ids = {unit.pk for unit in councils if access.can_manage(request.user, unit)}
    oversee_ids = {unit.pk for unit in councils if access.can_oversee(request.user, unit)}
    follow_up_year, follow_up_kind = period_being_reported(timezone.localdate())
    if oversee_ids and not Year.objects.filter(number=follow_up_year).exists():
        latest = Year.objects.order_by("-number").first()
        follow_up_year, follow_up_kind = (latest.number, "t1") if latest else (0, "")
    return render(
        request,
        "ui/start.html",
        {
            "tree": tree,
            "can_import": access.can_import(request.user),
            "roll_over_ids": roll_over_ids,
            "manage_ids": manage_ids,
            "oversee_ids": oversee_ids if follow_up_kind else set(),
            "follow_up": {"year": follow_up_year, "kind": follow_up_kind},
            "can_read_catalogue": access.can_read_catalogue(request.user),
            "can_manage_word_template": access.administers_municipality(request.user),
        },
    )


@login_required
@require_GET
def plan_page(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    """A unit's or nämnd's operational plan for one year, laid out like the printed plans."""
    plan = get_plan_for_user(request.user, unit_id=unit_id, year=year)
    can_edit = plan.status == Plan.Status.DRAFT and access.can_edit_plans_of(
        request.user, plan.org_unit
    )
    return render(
        request,
        "ui/plan_page.html",
        {
            "document": build_plan_document(plan),
            "can_edit": can_edit,
            "comment_summary": plan_comment_summary(request.user, plan),
        },
    )
