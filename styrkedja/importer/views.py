"""Import plan documents from the browser: upload, preview, confirm, follow the progress."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

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
    """A dry run of every file: what would be created and updated, and what is wrong."""
    for import_file in job.files.all():
        import_file.preview, import_file.error, import_file.needs_unit_name = [], "", False
        try:
            _preview_file(job, import_file)
        except DocumentError as error:
            import_file.error = str(error)
        import_file.save(update_fields=["preview", "error", "needs_unit_name"])


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
        {"unit": item.unit, "year": item.year, "status": item.status, "warnings": item.warnings}
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


@login_required
@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job_for(request, job_id)
    files = list(job.files.all())
    return render(
        request,
        "importer/job.html",
        {"job": job, "files": files, "names_form": UnitNamesForm(files=files)},
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
            request,
            "importer/job.html",
            {"job": job, "files": files, "names_form": names_form},
            status=400,
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
@require_GET
def progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar, polled by htmx; once the job is done the page reloads to show results."""
    job = _job_for(request, job_id)
    response = render(request, "importer/_progress.html", {"job": job})
    if job.is_finished and request.htmx:  # type: ignore[attr-defined]
        response["HX-Refresh"] = "true"
    return response
