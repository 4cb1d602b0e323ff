"""Planning years and their report periods (VP, T1, T2, VB) with deadlines per level."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.core.models import TimestampedModel
from styrkedja.org.models import OrgUnit


class PeriodKind(models.TextChoices):
    """The four documents of a year; also the kinds of Plan."""

    PLAN = "VP", _("operational plan")
    T1 = "T1", _("first four-month report")
    T2 = "T2", _("second four-month report")
    ANNUAL_REPORT = "VB", _("annual report")


# The stretch of the year each kind covers: T2 and VB are cumulative.
PERIOD_MONTHS: dict[str, tuple[int, int]] = {
    PeriodKind.PLAN: (1, 12),
    PeriodKind.T1: (1, 4),
    PeriodKind.T2: (1, 8),
    PeriodKind.ANNUAL_REPORT: (1, 12),
}


class Year(TimestampedModel):
    number = models.PositiveSmallIntegerField(_("year"), unique=True)

    class Meta:
        verbose_name = _("year")
        verbose_name_plural = _("years")
        ordering = ["number"]

    def __str__(self) -> str:
        return str(self.number)

    def clean(self) -> None:
        if not 1900 <= self.number <= 2200:
            raise ValidationError({"number": _("Enter a year between 1900 and 2200.")})


class ReportPeriod(TimestampedModel):
    year = models.ForeignKey(
        Year, verbose_name=_("year"), on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("kind"), max_length=2, choices=PeriodKind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="report_period_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="report_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}"

    @staticmethod
    def default_dates(year: int, kind: str) -> tuple[datetime.date, datetime.date]:
        first_month, last_month = PERIOD_MONTHS[kind]
        last_day = (
            datetime.date(year, 12, 31)
            if last_month == 12
            else datetime.date(year, last_month + 1, 1) - datetime.timedelta(days=1)
        )
        return datetime.date(year, first_month, 1), last_day


class Deadline(TimestampedModel):
    """When the plans or reports of one organisation level are due.

    Units report before their nämnd, so their deadlines come first.
    """

    period = models.ForeignKey(
        ReportPeriod,
        verbose_name=_("report period"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    org_kind = models.CharField(
        _("organisation level"), max_length=20, choices=OrgUnit.Kind.choices
    )
    due_on = models.DateField(_("due"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["period", "org_kind"], name="deadline_unique_level"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_org_kind_display()} {self.due_on}"
