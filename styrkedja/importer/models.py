"""Import jobs started from the web interface: the uploaded files, their preview and result."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.core.models import TimestampedModel
from styrkedja.org.models import OrgUnit


class ImportJob(TimestampedModel):
    """One upload of one or more files; the page polls it for progress."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("waiting for confirmation")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    council = models.ForeignKey(
        OrgUnit,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    # Plans done so far and in all, for the progress bar.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.created_by}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return round(100 * self.progress_done / self.progress_total) if self.progress_total else 0


def _upload_path(instance: ImportFile, filename: str) -> str:
    # One folder per job keeps the user's file name, which messages quote.
    return f"imports/{instance.job_id}/{filename}"


class ImportFile(models.Model):
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_upload_path)
    name = models.CharField(_("file"), max_length=255)
    unit_name = models.CharField(
        _("unit name"),
        max_length=200,
        blank=True,
        help_text=_("For a document that does not name its unit."),
    )
    # What the dry run found, one entry per plan: {"unit", "year", "status", "warnings",
    # "base": {object key: revision before} of what it would change, "overwrites": ids of
    # the people's changes it would replace}. What the import did: {"unit", "year",
    # "status", "warnings", "plan_id", "org_unit_id", "stopped": [{"key", "label",
    # "change_ids"}] for a plan stopped because someone changed it after the preview}.
    preview: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list)
    result: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list)
    error = models.TextField(blank=True)
    needs_unit_name = models.BooleanField(default=False)
    # When the preview began: changes made after it by others stop the import of a plan.
    previewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_stopped_plans(self) -> bool:
        return any(entry.get("status") == "conflict" for entry in self.result)
