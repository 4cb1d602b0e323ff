"""The documents exported from a plan or report, kept with the version they were made from.

An adopted (or locked) version's documents never change: its first file of a format and set
of units is the one that is kept and offered again. A draft can be exported as often as
wanted; every file is kept and listed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from styrkedja.plans.models import ADOPTED_STATUSES, Plan


class ExportFormat(models.TextChoices):
    DOCX = "docx", _("Word")
    PDF = "pdf", _("PDF")
    HTML = "html", _("HTML (print view)")
    JSON = "json", _("JSON")


CONTENT_TYPES: dict[str, str] = {
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportFormat.PDF: "application/pdf",
    ExportFormat.HTML: "text/html; charset=utf-8",
    ExportFormat.JSON: "application/json",
}

# The progress at the start of each step of the export task (tasks.run_export).
GATHERING = 5
RENDERING = 40
SAVING = 90

# The statuses in which a plan's content is decided and its documents must not change.


def plan_version(plan: Plan) -> int:
    """The plan's workflow version: 1, and one more for each reopening.

    The same number as `workflow.services.current_version`, read here through the reverse
    relation because workflow sits above the exporter and imports it. The workflow version,
    not the plan's edit `revision`, is what people see and what an adoption freezes.
    """
    latest = (
        Plan.objects.filter(pk=plan.pk)
        .order_by("-transitions__at", "-transitions__pk")
        .values_list("transitions__version", flat=True)
        .first()
    )
    return latest or 1


def download_name(plan: Plan, export_format: str) -> str:
    """The Swedish file name a download gets: "Verksamhetsplan 2026 – Familjeenheten.docx"."""
    with translation.override("sv"):
        kind = capfirst(str(plan.get_kind_display()))
    # A name with a slash would be cut into a folder by some browsers and unpackers.
    unit = plan.org_unit.name.replace("/", "-").replace("\\", "-")
    return f"{kind} {plan.year.number} – {unit}.{export_format}"


def _export_path(instance: ExportedFile, filename: str) -> str:
    return f"exports/{instance.plan.pk}/{filename}"


class ExportedFileQuerySet(models.QuerySet["ExportedFile"]):
    def not_failed(self) -> ExportedFileQuerySet:
        return self.exclude(status=ExportedFile.Status.FAILED)

    def of_frozen_version(
        self, plan: Plan, *, version: int, export_format: str, unit_ids: list[int]
    ) -> ExportedFileQuerySet:
        """The files made of this adopted version in this format with these units."""
        return self.not_failed().filter(
            plan=plan,
            version=version,
            plan_status__in=ADOPTED_STATUSES,
            format=export_format,
            units=sorted(unit_ids),
        )


class ExportedFile(models.Model):
    """One export of a plan or report to a file: queued, made by a task, then kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="exported_files"
    )
    # The workflow version the file was made from (see plan_version) and the plan's status
    # then: a file made while the plan was adopted is that version's document for good.
    version = models.PositiveIntegerField(_("version"))
    plan_status = models.CharField(_("plan status"), max_length=10, choices=Plan.Status.choices)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    # Ids of the units whose parts the document includes (a nämnd's compilation), sorted so
    # that the same choice compares equal; the document orders them as the organisation does.
    units: models.JSONField[list[int]] = models.JSONField(_("units"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=_export_path, blank=True)
    # The name the download gets, fixed when the export starts, like the document itself.
    name = models.CharField(_("file name"), max_length=300)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ExportedFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("exported file")
        verbose_name_plural = _("exported files")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The database's own guard for the rule above, against two exports started at once.
            models.UniqueConstraint(
                fields=["plan", "version", "format", "units"],
                condition=Q(plan_status__in=["adopted", "locked"]) & ~Q(status="failed"),
                name="exported_file_frozen_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def step_label(self) -> str:
        """What the task is doing now, for the progress bar."""
        if self.status == self.Status.QUEUED:
            return str(_("Waiting for its turn"))
        if self.progress < RENDERING:
            return str(_("Gathering the content"))
        if self.progress < SAVING:
            return str(_("Making the document"))
        return str(_("Saving the file"))
