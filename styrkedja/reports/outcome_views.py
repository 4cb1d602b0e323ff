"""Outcome entry of a report: the table of the unit's indicators, and the same table as an
Excel file to download and upload back.

Readers see the values; people who may write the draft report get one input per cell and
one Save button. Both ways save through reports.outcomes.save_outcomes, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.indicators.models import Outcome
from styrkedja.org.models import User
from styrkedja.reports import xlsx
from styrkedja.reports.outcome_forms import OutcomeRowForm, OutcomeUploadForm
from styrkedja.reports.outcomes import (
    SEXES,
    TOTAL,
    OutcomeConflict,
    OutcomeRow,
    OutcomesRefused,
    RowConflict,
    format_number,
    outcome_rows,
    save_outcomes,
)
from styrkedja.reports.reading import ReportContext, get_report_context


@dataclass
class Cell:
    """A value cell of the table: an input (`field`) or, read-only, the stored value."""

    sex: str
    field: BoundField | None
    shown: str
    reported: bool
    conflict_id: str

    @property
    def described_by(self) -> str:
        ids = []
        if self.field is not None and self.field.errors:
            ids.append(f"{self.field.id_for_label}-error")
        if self.conflict_id:
            ids.append(self.conflict_id)
        return " ".join(ids)


@dataclass
class Line:
    """One row of the table as the page shows it."""

    row: OutcomeRow
    form: OutcomeRowForm | None
    conflict: RowConflict | None

    @property
    def conflict_id(self) -> str:
        return f"conflict-{self.row.indicator.pk}" if self.conflict else ""

    @property
    def cells(self) -> list[Cell]:
        values = self.row.values
        fields = self.form.value_fields() if self.form else [None] * len(SEXES)
        return [
            Cell(
                sex=sex,
                field=field,
                shown=format_number(values.value(sex)),
                reported=sex in self.row.sexes,
                conflict_id=self.conflict_id,
            )
            for sex, field in zip(SEXES, fields, strict=True)
        ]

    @property
    def first_input_id(self) -> str:
        return self.form[TOTAL].id_for_label if self.form else ""

    @property
    def theirs(self) -> list[tuple[str, str]]:
        """What the other person's save left in the row: label and value."""
        if self.conflict is None:
            return []
        stored = self.conflict.row
        values = stored.values
        shown = [
            (str(capfirst(Outcome.Sex(sex).label)), format_number(values.value(sex)) or "–")
            for sex in stored.sexes
        ]
        return [*shown, (_("Comment"), values.comment or "–")]


def _table_url(ctx: ReportContext) -> str:
    return reverse("reports:outcomes", args=ctx.url_args)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    """The table of the unit's indicators for the period; saves every changed row at once."""
    posted = request.method == "POST"
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind, write=posted)
    rows = outcome_rows(ctx.unit, ctx.year, ctx.period)
    forms = {}
    if ctx.can_edit:
        forms = {
            row.indicator.pk: OutcomeRowForm(request.POST if posted else None, row=row)
            for row in rows
        }
    conflicts: dict[int, RowConflict] = {}
    status = 200
    if posted:
        valid = [form.is_valid() for form in forms.values()]
        if all(valid):
            try:
                written = save_outcomes(
                    unit=ctx.unit,
                    year=ctx.year,
                    period=ctx.period,
                    entries=[form.entry() for form in forms.values() if form.was_sent],
                    user=_user(request),
                )
            except OutcomesRefused as refused:
                for indicator_id, errors in refused.errors.items():
                    forms[indicator_id].add_error(None, errors)
            except OutcomeConflict as conflict:
                conflicts = conflict.conflicts
                for indicator_id, row_conflict in conflicts.items():
                    forms[indicator_id].rebase(row_conflict.row.version)
            else:
                messages.success(request, _saved_message(written))
                return redirect(_table_url(ctx))
        status = 409 if conflicts else 422
    lines = [
        Line(row=row, form=forms.get(row.indicator.pk), conflict=conflicts.get(row.indicator.pk))
        for row in rows
    ]
    by_sex = any(row.indicator.by_sex for row in rows)
    value_headers = [capfirst(Outcome.Sex(sex).label) for sex in (SEXES if by_sex else (TOTAL,))]
    context = {
        "ctx": ctx,
        "lines": lines,
        "by_sex": by_sex,
        "value_headers": value_headers,
        # Indicator, goal, the two targets, the values and the comment.
        "column_count": 4 + len(value_headers) + 1,
        "has_errors": any(form.errors for form in forms.values()),
        "conflict_lines": [line for line in lines if line.conflict],
        "page_title": _("Outcomes"),
    }
    return render(request, "reports/outcomes.html", context, status=status)


def _saved_message(written: int) -> str:
    if not written:
        return _("Nothing was changed.")
    return ngettext(
        "Saved: %(count)s outcome changed.", "Saved: %(count)s outcomes changed.", written
    ) % {"count": written}


@login_required
@require_GET
def download(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    """The table as an Excel file, stamped with the rows' versions."""
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind)
    rows = outcome_rows(ctx.unit, ctx.year, ctx.period)
    data = xlsx.outcome_workbook(
        unit=ctx.unit, year=ctx.year, period=ctx.period, title=ctx.title, rows=rows
    )
    response = HttpResponse(data, content_type=xlsx.CONTENT_TYPE)
    name = "-".join([slugify(_("Outcomes")), slugify(ctx.unit.name), str(year), ctx.slug])
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    """Upload a filled-in file: every cell is checked, and all of it is saved or nothing."""
    ctx = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind, write=True)
    form = (
        OutcomeUploadForm(request.POST, request.FILES)
        if request.method == "POST"
        else OutcomeUploadForm()
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        rows = outcome_rows(ctx.unit, ctx.year, ctx.period)
        try:
            written = xlsx.save_uploaded_outcomes(
                form.cleaned_data["file"].read(),
                unit=ctx.unit,
                year=ctx.year,
                period=ctx.period,
                rows=rows,
                user=_user(request),
            )
        except xlsx.UploadRefused as refused:
            errors = refused.errors
        else:
            messages.success(request, _saved_message(written))
            return redirect(_table_url(ctx))
    status = 422 if errors or form.errors else 200
    context = {"ctx": ctx, "form": form, "errors": errors, "page_title": _("Upload outcomes")}
    return render(request, "reports/outcome_upload.html", context, status=status)
