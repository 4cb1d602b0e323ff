"""The municipality's own Word template, which exports use instead of the shipped one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class DocxTemplateQuerySet(models.QuerySet["DocxTemplate"]):
    def active(self) -> DocxTemplate | None:
        """The template exports use: the newest upload (None: use the shipped template)."""
        return self.order_by("-uploaded_at", "-pk").first()

    def install(self, *, name: str, content: bytes, uploaded_by: Any) -> DocxTemplate:
        """Make `content` the template exports use. The earlier uploads go: only the newest
        is ever used, and going back to the shipped template removes them all anyway."""
        with transaction.atomic():
            DocxTemplate.objects.all().delete()
            return DocxTemplate.objects.create(name=name, content=content, uploaded_by=uploaded_by)

    def withdraw(self) -> None:
        """Go back to the shipped template."""
        DocxTemplate.objects.all().delete()


class DocxTemplate(models.Model):
    """An uploaded .docx whose styles, page setup and header and footer images Word
    exports use. The file is kept in the database, not in media storage, so a background
    worker on another machine reads it too and a failed upload leaves no file behind."""

    name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = DocxTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name


# The exported documents live in their own module, with the helpers that name and version
# them; importing the model here registers it with the app.
from styrkedja.exporter.export_models import ExportedFile  # noqa: E402, F401
