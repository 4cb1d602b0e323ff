"""Editing a plan: its edit page and its sections.

Every view fetches the plan through get_plan_by_id_for_user(write=True), so the
same rules hold for the full page and for the partial htmx asks for. Each view
answers htmx with the piece of page it changes and a plain browser with a full
page or a redirect, so everything works without JavaScript too.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.core.htmx import is_htmx
from styrkedja.goals.outline import outline_context
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.forms import posted_revision
from styrkedja.history.writes import EditConflict
from styrkedja.plans import services
from styrkedja.plans.forms import SectionForm
from styrkedja.plans.models import Plan, PlanSection, get_plan_by_id_for_user


def _edit_url(plan: Plan) -> str:
    return reverse("plans:edit", args=[plan.pk])


def _sections(plan: Plan) -> dict[str, object]:
    """The plan's sections in their two groups, for the edit page's lists."""
    sections = list(plan.sections.order_by("position", "pk"))
    groups = [
        (
            placement,
            label,
            [section for section in sections if section.placement == placement],
        )
        for placement, label in PlanSection.Placement.choices
    ]
    return {"section_groups": groups}


@login_required
@require_GET
def edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's edit page: its sections and its goals, with the actions on each."""
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    return render(
        request,
        "plans/edit.html",
        {"plan": plan, **_sections(plan), **outline_context(request.user, plan)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    placement = request.GET.get("placement", PlanSection.Placement.OPENING)
    form = SectionForm(
        request.POST or None,
        initial={"placement": placement, "level": 1},
        instance=PlanSection(plan=plan),
    )
    if request.method == "POST" and form.is_valid():
        services.add_section(
            plan=plan,
            heading=form.cleaned_data["heading"],
            body=form.cleaned_data["body"],
            level=form.cleaned_data["level"],
            placement=form.cleaned_data["placement"],
        )
        return redirect(_edit_url(plan))
    return render(
        request,
        "plans/section_form.html",
        {"plan": plan, "form": form, "section": None},
        status=422 if form.errors else 200,
    )


def _section_for(request: HttpRequest, plan_id: int, section_id: int) -> tuple[Plan, PlanSection]:
    plan = get_plan_by_id_for_user(request.user, plan_id, write=True)
    return plan, get_object_or_404(PlanSection, pk=section_id, plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    """The section as a form (for htmx, its row in the list); a save refused because
    someone else saved first comes back with 409, the user's input and what changed."""
    plan, section = _section_for(request, plan_id, section_id)
    form = SectionForm(request.POST or None, instance=section)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_section(
                section, base_revision=form.base_revision, **form.edited_values()
            )
        except EditConflict as refused:
            discard_url = reverse("plans:section_edit", args=[plan.pk, section.pk])
            conflict = refuse_edit(refused, form, discard_url=discard_url)
        else:
            if is_htmx(request):
                return render(
                    request, "plans/edit.html#section-row", {"plan": plan, "section": section}
                )
            return redirect(_edit_url(plan))
    template = "plans/edit.html#section-editing" if is_htmx(request) else "plans/section_form.html"
    return render(
        request,
        template,
        {"plan": plan, "form": form, "section": section, "conflict": conflict},
        status=409 if conflict else 422 if form.errors else 200,
    )


@login_required
@require_POST
def section_move(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    plan, section = _section_for(request, plan_id, section_id)
    with transaction.atomic():
        services.move_section(section, up=request.POST.get("direction") == "up")
    if is_htmx(request):
        return render(request, "plans/edit.html#section-lists", {"plan": plan, **_sections(plan)})
    return redirect(_edit_url(plan))


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request: HttpRequest, plan_id: int, section_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes, unless someone changed the section since
    the confirmation page showed it (409: the page again, with the section as it is now)."""
    plan, section = _section_for(request, plan_id, section_id)
    changed_since = False
    changed_by: list[str] = []
    if request.method == "POST":
        try:
            services.delete_section(section, base_revision=posted_revision(request))
        except EditConflict as refused:
            changed_since = True
            changed_by = list(dict.fromkeys(change.who for change in refused.changes))
        else:
            return redirect(_edit_url(plan))
    return render(
        request,
        "plans/section_delete.html",
        {
            "plan": plan,
            "section": section,
            "changed_since": changed_since,
            "changed_by": changed_by,
        },
        status=409 if changed_since else 200,
    )
