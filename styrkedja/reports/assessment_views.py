"""The assessment page of a report: each of the unit's own goals with the system's proposal,
its reasons, and the person's assessment and analysis.

Each goal has its own form, so that saving one goal never sends (or overwrites) another;
with htmx the saved goal's part of the page is swapped in place, so what is typed in the
other goals stays. A save made on an older revision is refused with 409, as for goals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from styrkedja.core.htmx import is_htmx
from styrkedja.goals.models import Goal
from styrkedja.history.conflicts import ConflictReport, refuse_edit
from styrkedja.history.writes import EditConflict
from styrkedja.periods.models import PeriodKind
from styrkedja.reports import assessments, selection
from styrkedja.reports.assessment_forms import ACCEPT, AssessmentForm
from styrkedja.reports.models import GoalAssessment
from styrkedja.reports.proposal import Proposal
from styrkedja.reports.reading import ReportContext, get_report_context

SECTION_PARTIAL = "reports/assessments.html#goal-assessment"


@dataclass
class GoalSection:
    goal: Goal
    proposal: Proposal
    stored: GoalAssessment | None
    form: AssessmentForm | None  # None for a reader
    conflict: ConflictReport | None = None
    saved: bool = False  # just saved, through htmx


def _page_url(ctx: ReportContext, goal: Goal | None = None) -> str:
    url = reverse("reports:assessments", args=ctx.url_args)
    return f"{url}#goal-{goal.pk}" if goal is not None else url


def _sections(ctx: ReportContext, goals: list[Goal]) -> list[GoalSection]:
    proposals = assessments.proposals_for(
        unit=ctx.unit, year=ctx.year, period=ctx.period, goals=goals
    )
    stored = assessments.assessments_of(period=ctx.period, goals=goals)
    sections = []
    for goal in goals:
        proposal = proposals[goal.pk]
        saved = stored.get(goal.pk)
        form = (
            AssessmentForm(goal=goal, stored=saved, proposed=proposal.assessment)
            if ctx.can_edit
            else None
        )
        sections.append(GoalSection(goal=goal, proposal=proposal, stored=saved, form=form))
    return sections


def _context(ctx: ReportContext, **extra: Any) -> dict[str, Any]:
    return {
        "ctx": ctx,
        "is_forecast": ctx.kind in (PeriodKind.T1, PeriodKind.T2),
        "accept": ACCEPT,
        **extra,
    }


@login_required
@require_GET
def assessments_page(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind)
    goals = selection.own_goals(ctx.unit, ctx.year)
    return render(
        request, "reports/assessments.html", _context(ctx, sections=_sections(ctx, goals))
    )


@login_required
@require_POST
def assess(request: HttpRequest, unit_id: int, year: int, kind: str, goal_id: int) -> HttpResponse:
    """Save one goal's assessment (the chosen one, or the proposal with its button)."""
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind, write=True)
    goals = selection.own_goals(ctx.unit, ctx.year)
    goal = next((goal for goal in goals if goal.pk == goal_id), None)
    if goal is None:
        raise Http404(_("The unit does not assess this goal."))
    proposal = assessments.proposals_for(
        unit=ctx.unit, year=ctx.year, period=ctx.period, goals=[goal]
    )[goal.pk]
    stored = assessments.assessments_of(period=ctx.period, goals=[goal]).get(goal.pk)
    form = AssessmentForm(request.POST, goal=goal, stored=stored, proposed=proposal.assessment)
    if ACCEPT in request.POST and proposal.assessment:
        form.accept_proposal()
    conflict = None
    if form.is_valid():
        try:
            saved = assessments.save_assessment(
                unit=ctx.unit,
                year=ctx.year,
                period=ctx.period,
                goal=goal,
                base_revision=form.base_revision,
                proposed=proposal.assessment or "",
                **form.edited_values(),
            )
        except EditConflict as refused:
            conflict = refuse_edit(refused, form, discard_url=_page_url(ctx, goal))
        else:
            if is_htmx(request):
                fresh = AssessmentForm(goal=goal, stored=saved, proposed=proposal.assessment)
                section = GoalSection(goal, proposal, saved, fresh, saved=True)
                return render(request, SECTION_PARTIAL, _context(ctx, section=section))
            messages.success(
                request, _("The assessment of %(goal)s was saved.") % {"goal": goal.heading}
            )
            return redirect(_page_url(ctx, goal))
    status = 409 if conflict else 422
    section = GoalSection(goal, proposal, stored, form, conflict=conflict)
    if is_htmx(request):
        return render(request, SECTION_PARTIAL, _context(ctx, section=section), status=status)
    sections = [section if other.goal.pk == goal.pk else other for other in _sections(ctx, goals)]
    return render(
        request, "reports/assessments.html", _context(ctx, sections=sections), status=status
    )
