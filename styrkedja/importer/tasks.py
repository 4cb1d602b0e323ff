"""The background task that runs a confirmed import job."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django_tasks import task

from styrkedja.importer.models import ImportJob
from styrkedja.importer.pipeline import import_file
from styrkedja.importer.store import StoredPlan

logger = logging.getLogger(__name__)


@task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.select_related("council").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING)

    def count_plan(stored: StoredPlan) -> None:
        # One small UPDATE per plan, so that the page's progress bar moves.
        ImportJob.objects.filter(pk=job_id).update(progress_done=F("progress_done") + 1)

    try:
        for import_file_row in job.files.all():
            result = import_file(
                Path(import_file_row.file.path),
                council_name=job.council.name if job.council else None,
                unit_name=import_file_row.unit_name or None,
                dry_run=False,
                max_bytes=settings.STYRKEDJA_IMPORT_MAX_BYTES,
                on_stored=count_plan,
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
                }
                for stored in result.stored
            ]
            import_file_row.save(update_fields=["error", "result"])
    except Exception as error:  # recorded for the user, then re-raised for the worker's log
        logger.exception("Import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, error=str(error))
        raise
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.DONE)
