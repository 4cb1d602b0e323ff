"""Import plan documents from the browser: upload, preview, confirm, follow the progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.history.models import Change
from styrkedja.history.recording import acting
from styrkedja.importer.conflicts import base_revisions, edits_by_people
from styrkedja.importer.forms import UnitNamesForm, UploadForm
from styrkedja.importer.models import ImportFile, ImportJob
from styrkedja.importer.parsed import ParsedDocument
from styrkedja.importer.pipeline import check_document, read_and_parse, store_document
from styrkedja.importer.readers import DocumentError
from styrkedja.importer.tasks import run_import_job
from styrkedja.org import access
from styrkedja.org.models import OrgUnit, User


def _require_importer(request: HttpRequest) -> None:
    if not access.can_import(request.user):
        raise PermissionDenied


def _job_for(request: HttpRequest, job_id: int) -> ImportJob:
    """The user's own job (any job for a superuser), or 404."""
    _require_importer(request)
    jobs = ImportJob.objects.select_related("council").prefetch_related("files")
    if not request.user.is_superuser:
        jobs = jobs.filter(created_by_id=request.user.pk)
    return get_object_or_404(jobs, pk=job_id)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    councils = access.administered_councils(request.user).in_swedish_order()
    form = UploadForm(request.POST or None, request.FILES or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            job = ImportJob.objects.create(
                created_by=cast(User, request.user), council=form.cleaned_data["council"]
            )
            for uploaded in form.cleaned_data["documents"]:
                ImportFile.objects.create(job=job, file=uploaded, name=uploaded.name)
        _preview(job)
        return redirect("importer:job", job_id=job.pk)
    recent = ImportJob.objects.filter(created_by_id=request.user.pk)[:10]
    return render(request, "importer/upload.html", {"form": form, "recent": recent})


def _preview(job: ImportJob) -> None:
    """A dry run of every file: what would be created and updated, and what is wrong.

    It runs as the import will, so that it notes what each plan would change (the base
    the import is checked against) and whose work it would replace.
    """
    for import_file in job.files.all():
        import_file.preview, import_file.error, import_file.needs_unit_name = [], "", False
        import_file.previewed_at = timezone.now()
        try:
            with acting(user=job.created_by, import_job_id=job.pk, import_name=import_file.name):
                _preview_file(job, import_file)
        except DocumentError as error:
            import_file.error = str(error)
        import_file.save(update_fields=["preview", "error", "needs_unit_name", "previewed_at"])


def _preview_file(job: ImportJob, import_file: ImportFile) -> None:
    unit_name = import_file.unit_name or None
    document = read_and_parse(
        Path(import_file.file.path),
        unit_name=unit_name,
        max_bytes=settings.STYRKEDJA_IMPORT_MAX_BYTES,
    )
    _refuse_other_councils(document, job.council)
    if not unit_name and any(not plan.unit for plan in document.plans):
        # The document does not name its unit: ask for it before anything else.
        import_file.needs_unit_name = True
        check_document(document, unit_name="?")
        import_file.preview = [
            {"unit": "", "year": plan.year, "status": "", "warnings": plan.warnings}
            for plan in document.plans
        ]
        return
    check_document(document, unit_name=unit_name)
    stored = store_document(
        document,
        council_name=job.council.name if job.council else None,
        unit_name=unit_name,
        dry_run=True,
    )
    import_file.preview = [
        {
            "unit": item.unit,
            "year": item.year,
            "status": item.status,
            "warnings": item.warnings,
            "base": base_revisions(item.touched),
            "overwrites": [change.pk for change in edits_by_people(item.touched)],
        }
        for item in stored
    ]


def _refuse_other_councils(document: ParsedDocument, council: OrgUnit | None) -> None:
    """A nämnd's own plan may only be imported by choosing that nämnd."""
    for plan in document.plans:
        if (
            plan.is_council_plan
            and council
            and (plan.unit or "").casefold() != council.name.casefold()
        ):
            raise DocumentError(
                _("%(file)s is the plan of %(name)s, not of the chosen committee %(council)s.")
                % {"file": document.source, "name": plan.unit, "council": council.name}
            )


@dataclass
class StoppedRow:
    """An object someone changed after the preview, and those changes."""

    label: str
    changes: list[Change]

    @property
    def kind(self) -> str:
        return self.changes[0].kind_label if self.changes else ""


@dataclass
class PlanRow:
    """One plan of a file as the job page shows it, with the changes it names."""

    unit: str
    year: int | None
    status: str
    warnings: list[str]
    org_unit_id: int | None = None
    overwrites: list[Change] = field(default_factory=list)
    stopped: list[StoppedRow] = field(default_factory=list)


@dataclass
class FileSection:
    file: ImportFile
    rows: list[PlanRow]


def _file_sections(job: ImportJob, files: list[ImportFile]) -> list[FileSection]:
    """Each file with its plans: the preview's, or once run, what the import did."""
    done = job.status == ImportJob.Status.DONE
    entries = {
        import_file.pk: import_file.result if done else import_file.preview for import_file in files
    }
    change_ids = {
        change_id
        for file_entries in entries.values()
        for entry in file_entries
        for change_id in _change_ids(entry)
    }
    # One query for the changes the whole page names.
    changes = Change.objects.in_bulk(change_ids) if change_ids else {}

    def row(entry: dict[str, Any]) -> PlanRow:
        return PlanRow(
            unit=entry["unit"],
            year=entry["year"],
            status=entry["status"],
            warnings=entry["warnings"],
            org_unit_id=entry.get("org_unit_id"),
            overwrites=[changes[pk] for pk in entry.get("overwrites", []) if pk in changes],
            stopped=[
                StoppedRow(
                    label=stopped["label"],
                    changes=[changes[pk] for pk in stopped["change_ids"] if pk in changes],
                )
                for stopped in entry.get("stopped", [])
            ],
        )

    return [
        FileSection(file=import_file, rows=[row(entry) for entry in entries[import_file.pk]])
        for import_file in files
    ]


def _change_ids(entry: dict[str, Any]) -> list[int]:
    stopped = [change_id for item in entry.get("stopped", []) for change_id in item["change_ids"]]
    return [*entry.get("overwrites", []), *stopped]


def _job_context(
    job: ImportJob, files: list[ImportFile], names_form: UnitNamesForm
) -> dict[str, Any]:
    return {
        "job": job,
        "sections": _file_sections(job, files),
        "names_form": names_form,
        "has_stopped_plans": any(import_file.has_stopped_plans for import_file in files),
    }


@login_required
@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job_for(request, job_id)
    files = list(job.files.all())
    return render(
        request, "importer/job.html", _job_context(job, files, UnitNamesForm(files=files))
    )


@login_required
@require_POST
def confirm(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job_for(request, job_id)
    files = list(job.files.all())
    if job.status != ImportJob.Status.PREVIEWED:
        return redirect("importer:job", job_id=job.pk)
    names_form = UnitNamesForm(request.POST, files=files)
    if not names_form.is_valid():
        return render(
            request, "importer/job.html", _job_context(job, files, names_form), status=400
        )
    needed_names = [import_file for import_file in files if import_file.needs_unit_name]
    for import_file in needed_names:
        import_file.unit_name = names_form.cleaned_data[f"unit_{import_file.pk}"].strip()
        import_file.save(update_fields=["unit_name"])
    if needed_names:
        # With the names given, show the real preview before anything is written.
        _preview(job)
        return redirect("importer:job", job_id=job.pk)
    importable = [import_file for import_file in files if not import_file.error]
    job.progress_total = sum(len(import_file.preview) for import_file in importable)
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["progress_total", "status"])
    run_import_job.enqueue(job.pk)
    return redirect("importer:job", job_id=job.pk)


@login_required
@require_POST
def preview_again(request: HttpRequest, job_id: int) -> HttpResponse:
    """A new preview of the files whose plans were stopped, as a new job to confirm.

    The stopped plans were not written; previewing them again shows what the import
    would now replace. Not doing so keeps the other person's changes.
    """
    job = _job_for(request, job_id)
    stopped = [import_file for import_file in job.files.all() if import_file.has_stopped_plans]
    if job.status != ImportJob.Status.DONE or not stopped:
        return redirect("importer:job", job_id=job.pk)
    if (
        job.council_id is not None
        and not access.administered_councils(request.user).filter(pk=job.council_id).exists()
    ):
        raise PermissionDenied
    with transaction.atomic():
        new_job = ImportJob.objects.create(created_by=job.created_by, council=job.council)
        for import_file in stopped:
            # The stored file is read again where it lies; its bytes are not copied.
            ImportFile.objects.create(
                job=new_job,
                file=import_file.file.name,
                name=import_file.name,
                unit_name=import_file.unit_name,
            )
    _preview(new_job)
    return redirect("importer:job", job_id=new_job.pk)


@login_required
@require_GET
def progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar, polled by htmx; once the job is done the page reloads to show results."""
    job = _job_for(request, job_id)
    response = render(request, "importer/_progress.html", {"job": job})
    if job.is_finished and request.htmx:  # type: ignore[attr-defined]
        response["HX-Refresh"] = "true"
    return response
