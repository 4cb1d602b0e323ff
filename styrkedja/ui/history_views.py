"""History pages: what changed in a plan, or in one of its goals, by whom and when.

The rows are history.Change rows, which name their unit, year, plan and goal by number,
so a goal's history stays readable after the goal is deleted. The plan is fetched for
reading (get_plan_by_id_for_user: 404 unknown, 403 forbidden); a goal must be one the
plan shows, or, once deleted, one whose own changes belong to the plan's unit and year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from styrkedja.core.collation import swedish_sort_key
from styrkedja.core.forms import StyledForm
from styrkedja.goals.models import Goal
from styrkedja.goals.outline import plan_goals
from styrkedja.history.diff import Piece, word_diff
from styrkedja.history.models import Change, ChangeQuerySet, FieldChange
from styrkedja.plans.models import Plan, get_plan_by_id_for_user

PAGE_SIZE = 50
GOAL_TYPE = Goal._meta.label_lower
DATE_FORMAT = "%Y-%m-%d"  # what <input type=date> sends, whatever the browser shows


# Who made the changes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Author:
    """A person, or an import, as the person filter offers it, and the rows that are theirs."""

    key: str
    label: str
    rows: Q


def _author(actor_id: int | None, actor_name: str, job_id: int | None, file: str) -> Author:
    # Change.who words it; an in-memory row lends it the same words here.
    label = Change(actor_name=actor_name, import_name=file).who
    by_hand = Q(import_job_id__isnull=True, import_name="")
    if job_id is not None:
        return Author(f"import-{job_id}", label, Q(import_job_id=job_id))
    if file:
        return Author(f"file-{file}", label, Q(import_job_id__isnull=True, import_name=file))
    if actor_id is not None:
        return Author(f"person-{actor_id}", label, by_hand & Q(actor_id=actor_id))
    # The account is gone (or it was never a person): the name kept on the rows says who.
    return Author(
        f"name-{actor_name}", label, by_hand & Q(actor__isnull=True, actor_name=actor_name)
    )


def authors_of(changes: ChangeQuerySet) -> list[Author]:
    """Everyone and every import that changed something among `changes`, in Swedish order."""
    rows = (
        changes.order_by()
        .values_list("actor_id", "actor_name", "import_job_id", "import_name")
        .distinct()
    )
    found: dict[str, Author] = {}
    for row in rows:
        author = _author(*row)
        found.setdefault(author.key, author)
    return sorted(found.values(), key=lambda author: swedish_sort_key(author.label))


# The filter ----------------------------------------------------------------------------------


class HistoryFilterForm(StyledForm):
    person = forms.ChoiceField(label=gettext_lazy("Person or import"), required=False)
    from_date = forms.DateField(
        label=gettext_lazy("From date"),
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={
            "invalid": gettext_lazy("Enter the date as year-month-day, for example 2026-03-31.")
        },
    )
    to_date = forms.DateField(
        label=gettext_lazy("To date"),
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={
            "invalid": gettext_lazy("Enter the date as year-month-day, for example 2026-03-31.")
        },
    )

    def __init__(self, data: Any, *, authors: list[Author]) -> None:
        super().__init__(data)
        self.authors = {author.key: author for author in authors}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", _("Everyone")),
            *((author.key, author.label) for author in authors),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("from_date"), cleaned.get("to_date")
        if first and last and first > last:
            self.add_error("to_date", _("The to date cannot be before the from date."))
        return cleaned

    def filtered(self, changes: ChangeQuerySet) -> ChangeQuerySet:
        """The changes of the chosen person or import, made between the dates (both included)."""
        author = self.authors.get(self.cleaned_data["person"])
        if author is not None:
            changes = changes.filter(author.rows)
        if self.cleaned_data["from_date"]:
            changes = changes.filter(at__gte=_start_of(self.cleaned_data["from_date"]))
        if self.cleaned_data["to_date"]:
            next_day = self.cleaned_data["to_date"] + datetime.timedelta(days=1)
            changes = changes.filter(at__lt=_start_of(next_day))
        return changes


def _start_of(day: datetime.date) -> datetime.datetime:
    # Days as the reader lives them (Swedish time), not as UTC counts them.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# The entries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One field of a change: its value before and after, words marked where text changed."""

    label: str
    before: list[Piece]
    after: list[Piece]


@dataclass(frozen=True)
class Entry:
    change: Change
    fields: list[FieldRow]


def _whole(text: str) -> list[Piece]:
    return [Piece("same", text)] if text else []


def field_row(change: FieldChange) -> FieldRow:
    """Text edited in place shows its word differences; other values show whole."""
    if change.is_text and change.old and change.new:
        pieces = word_diff(change.old, change.new)
        return FieldRow(
            label=change.label,
            before=[piece for piece in pieces if piece.kind != "added"],
            after=[piece for piece in pieces if piece.kind != "removed"],
        )
    return FieldRow(label=change.label, before=_whole(change.old), after=_whole(change.new))


def entry(change: Change) -> Entry:
    rows = [field_row(row) for row in change.field_rows()]
    # A deleted object's empty fields (no previous year's goal, say) say nothing.
    return Entry(change=change, fields=[row for row in rows if row.before or row.after])


# The pages -----------------------------------------------------------------------------------


def _plan_scope(plan: Plan) -> Q:
    """Changes that belong to the plan: its own rows, and its year's goals of its unit or above.

    The units above are those whose goals the plan shows (goals.outline.plan_goals).
    """
    unit = plan.org_unit
    return Q(plan_id=plan.pk) | Q(
        plan_id__isnull=True,
        year_id=plan.year_id,
        org_unit_id__in=[*unit.ancestor_ids, unit.pk],
    )


def _goal_label(plan: Plan, goal_id: int) -> tuple[str, bool]:
    """The goal's name and whether it is deleted; 404 unless it is (or was) the plan's."""
    goal = plan_goals(plan).filter(pk=goal_id).first()
    if goal is not None:
        return str(goal), False
    last = (
        Change.objects.filter(object_type=GOAL_TYPE, object_id=goal_id)
        .filter(_plan_scope(plan))
        .exclude(Exists(Goal.objects.filter(pk=OuterRef("object_id"))))
        .first()
    )
    if last is None:
        raise Http404(_("The plan shows no such goal, and never did."))
    return last.object_label, True


def _history_page(
    request: HttpRequest, plan: Plan, changes: ChangeQuerySet, context: dict[str, Any]
) -> HttpResponse:
    form = HistoryFilterForm(request.GET, authors=authors_of(changes))
    page: Page[Change] | None = None
    if form.is_valid():
        page = Paginator(form.filtered(changes), PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {
        "plan": plan,
        "form": form,
        "page": page,
        "entries": [entry(change) for change in page] if page is not None else [],
        "filtered": form.is_valid() and any(form.cleaned_data.values()),
    }
    return render(request, "ui/history.html", context, status=200 if page is not None else 422)


@login_required
@require_GET
def plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Every change of the plan's content and its unit's goals of the year, newest first."""
    plan = get_plan_by_id_for_user(request.user, plan_id)
    changes = Change.objects.for_plan(
        plan_id=plan.pk, org_unit_id=plan.org_unit_id, year_id=plan.year_id
    )
    return _history_page(request, plan, changes, {"goal_id": None})


@login_required
@require_GET
def goal_history(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    """Every change of a goal and what hangs on it, also after the goal is deleted."""
    plan = get_plan_by_id_for_user(request.user, plan_id)
    label, deleted = _goal_label(plan, goal_id)
    # Other plans' choices about this goal are theirs: show this plan's only.
    changes = Change.objects.for_goal(goal_id).filter(Q(plan_id__isnull=True) | Q(plan_id=plan.pk))
    context = {"goal_id": goal_id, "goal_label": label, "goal_deleted": deleted}
    return _history_page(request, plan, changes, context)
