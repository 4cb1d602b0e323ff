"""The documents of a plan or report: the files made of it, making a new one, following its
progress, and downloading it. Reading the plan is enough for all of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.core.forms import StyledForm
from styrkedja.core.htmx import is_htmx
from styrkedja.exporter.export_models import ExportedFile, ExportFormat
from styrkedja.exporter.tasks import start_export, units_below
from styrkedja.org.models import OrgUnit, User
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan, get_plan_by_id_for_user
from styrkedja.reports.reading import SLUGS_BY_KIND

NO_UNITS, ALL_UNITS, CHOSEN_UNITS = "none", "all", "chosen"


class ExportForm(StyledForm):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=ExportFormat.choices,
        initial=ExportFormat.DOCX,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        self.available_units = units
        super().__init__(*args, **kwargs)
        if units:
            # Only a nämnd's plan or report with units below it offers them.
            self.fields["include"] = forms.ChoiceField(
                label=gettext_lazy("Include the units"),
                choices=[
                    (NO_UNITS, gettext_lazy("No, only the committee's own part")),
                    (ALL_UNITS, gettext_lazy("All units")),
                    (CHOSEN_UNITS, gettext_lazy("The units chosen below")),
                ],
                initial=NO_UNITS,
                required=False,  # left out: the committee's own part only
                widget=forms.RadioSelect,
            )
            self.fields["units"] = forms.TypedMultipleChoiceField(
                label=gettext_lazy("Units"),
                choices=[(unit.pk, unit.name) for unit in units],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("include") == CHOSEN_UNITS and not cleaned.get("units"):
            self.add_error("units", _("Choose at least one unit, or include all or none."))
        return cleaned

    def chosen_units(self) -> list[OrgUnit]:
        include = self.cleaned_data.get("include") or NO_UNITS
        if include == ALL_UNITS:
            return self.available_units
        if include == CHOSEN_UNITS:
            chosen = set(self.cleaned_data["units"])
            return [unit for unit in self.available_units if unit.pk in chosen]
        return []


@dataclass
class FileRow:
    file: ExportedFile
    unit_names: list[str]


def _file_rows(files: list[ExportedFile], units: list[OrgUnit]) -> list[FileRow]:
    """Each file with the names of its units, in organisation order (one query for all)."""
    unit_ids = {unit_id for file in files for unit_id in file.units}
    known = {unit.pk: unit for unit in units}
    missing = unit_ids - known.keys()
    if missing:
        # A unit that has since lost its plan or moved away is still named.
        known.update(OrgUnit.objects.in_bulk(missing))
    order = {unit.pk: position for position, unit in enumerate(units)}

    def names(file: ExportedFile) -> list[str]:
        ids = sorted(
            (unit_id for unit_id in file.units if unit_id in known),
            key=lambda unit_id: (order.get(unit_id, len(order)), known[unit_id].name),
        )
        return [known[unit_id].name for unit_id in ids]

    return [FileRow(file=file, unit_names=names(file)) for file in files]


def _plan_url(plan: Plan) -> str:
    if plan.kind == PeriodKind.PLAN:
        return reverse("ui:plan", args=[plan.org_unit_id, plan.year.number])
    return reverse(
        "reports:report", args=[plan.org_unit_id, plan.year.number, SLUGS_BY_KIND[plan.kind]]
    )


def _offered_units(plan: Plan) -> list[OrgUnit]:
    if plan.org_unit.kind != OrgUnit.Kind.COUNCIL:
        return []
    return units_below(plan)


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_by_id_for_user(request.user, plan_id)
    units = _offered_units(plan)
    form = ExportForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        exported, created = start_export(
            plan=plan,
            export_format=form.cleaned_data["format"],
            units=form.chosen_units(),
            user=cast(User, request.user),
        )
        if not created:
            messages.info(
                request,
                _(
                    "This version is adopted, so its documents do not change. "
                    "The document was already made; here it is."
                ),
            )
        return redirect("exports:file", plan_id=plan.pk, file_id=exported.pk)
    files = list(ExportedFile.objects.filter(plan=plan).select_related("created_by"))
    context = {
        "plan": plan,
        "plan_url": _plan_url(plan),
        "form": form,
        "rows": _file_rows(files, units),
    }
    return render(request, "exporter/export_list.html", context, status=400 if form.errors else 200)


def _file_for(request: HttpRequest, plan_id: int, file_id: int) -> ExportedFile:
    plan = get_plan_by_id_for_user(request.user, plan_id)
    exported = get_object_or_404(
        ExportedFile.objects.select_related("created_by"), pk=file_id, plan=plan
    )
    exported.plan = plan  # already read, with its unit and year
    return exported


@login_required
@require_GET
def file_page(request: HttpRequest, plan_id: int, file_id: int) -> HttpResponse:
    """The file's progress while it is made, then its download link; htmx polls the part."""
    exported = _file_for(request, plan_id, file_id)
    template = "exporter/export_file.html"
    context = {"exported": exported, "plan": exported.plan, "plan_url": _plan_url(exported.plan)}
    return render(request, f"{template}#progress" if is_htmx(request) else template, context)


@login_required
@require_GET
def download(request: HttpRequest, plan_id: int, file_id: int) -> FileResponse:
    exported = _file_for(request, plan_id, file_id)
    if exported.status != ExportedFile.Status.DONE or not exported.file:
        raise Http404(_("The document is not ready."))
    return FileResponse(
        exported.file.open("rb"),
        as_attachment=True,
        filename=exported.name,
        content_type=exported.content_type,
    )
