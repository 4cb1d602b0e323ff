"""The background task that runs a confirmed import job."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django_tasks import task

from styrkedja.history.recording import acting
from styrkedja.importer.conflicts import PreviewBase
from styrkedja.importer.models import ImportFile, ImportJob
from styrkedja.importer.pipeline import import_file
from styrkedja.importer.store import StoredPlan

logger = logging.getLogger(__name__)


@task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.select_related("council", "created_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING)

    def count_plan(stored: StoredPlan) -> None:
        # One small UPDATE per plan, so that the page's progress bar moves.
        ImportJob.objects.filter(pk=job_id).update(progress_done=F("progress_done") + 1)

    try:
        for import_file_row in job.files.all():
            if import_file_row.error:
                # The preview refused the file (unreadable, another nämnd's plan): it stays out.
                continue
            with acting(
                user=job.created_by, import_job_id=job.pk, import_name=import_file_row.name
            ):
                result = import_file(
                    Path(import_file_row.file.path),
                    council_name=job.council.name if job.council else None,
                    unit_name=import_file_row.unit_name or None,
                    dry_run=False,
                    max_bytes=settings.STYRKEDJA_IMPORT_MAX_BYTES,
                    on_stored=count_plan,
                    bases=preview_bases(import_file_row),
                )
            import_file_row.error = result.error
            import_file_row.result = [
                {
                    "unit": stored.unit,
                    "year": stored.year,
                    "status": stored.status,
                    "plan_id": stored.plan_id,
                    "org_unit_id": stored.org_unit_id,
                    "warnings": stored.warnings,
                    "stopped": [
                        {"key": item.key, "label": item.label, "change_ids": item.change_ids}
                        for item in stored.stopped
                    ],
                }
                for stored in result.stored
            ]
            import_file_row.save(update_fields=["error", "result"])
    except Exception as error:  # recorded for the user, then re-raised for the worker's log
        logger.exception("Import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, error=str(error))
        raise
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.DONE)


def preview_bases(import_file_row: ImportFile) -> list[PreviewBase | None]:
    """What the file's preview saw, plan by plan; None where it recorded nothing to check."""
    previewed_at = import_file_row.previewed_at
    if previewed_at is None:
        return []
    return [
        PreviewBase(
            revisions=entry["base"],
            previewed_at=previewed_at,
            import_job_id=import_file_row.job_id,
        )
        if "base" in entry
        else None
        for entry in import_file_row.preview
    ]
