"""What a unit reports in T1, T2 and the annual report besides its outcomes (utfall):
the status of each activity and an assessment of each goal; and the reminders a nämnd's
controller sends to late units.

A report itself is a `plans.Plan` of kind T1, T2 or VB (its status and decision); outcomes
are `indicators.Outcome`, kept per indicator, unit and period.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.activities.models import Activity
from styrkedja.core.models import TimestampedModel
from styrkedja.goals.models import Goal
from styrkedja.history.models import Scope, Versioned
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import ReportPeriod


class ActivityStatus(TimestampedModel, Versioned):
    """How an activity stands at the end of a period, for one unit that carries it out."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ONGOING = "ongoing", _("ongoing")
        DONE = "done", _("carried out")
        DELAYED = "delayed", _("delayed")
        CANCELLED = "cancelled", _("cancelled")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="statuses"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="activity_statuses",
    )
    period = models.ForeignKey(
        ReportPeriod,
        verbose_name=_("report period"),
        on_delete=models.PROTECT,
        related_name="activity_statuses",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("activity status")
        verbose_name_plural = _("activity statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "org_unit", "period"], name="activity_status_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_status_display()}"

    def history_scope(self) -> Scope:
        return Scope(
            org_unit_id=self.org_unit_id,
            year_id=self.period.year_id,
            goal_id=self.activity.goal_id,
        )


class GoalAssessment(TimestampedModel, Versioned):
    """A goal's assessment for a period: in T1 and T2 the forecast for the whole year.

    The goal's owner assesses it. `proposed` keeps what the system proposed when the
    assessment was saved, so that a reader can see where the person decided otherwise.
    """

    class Assessment(models.TextChoices):
        MET = "met", _("met")
        PARTLY_MET = "partly_met", _("partly met")
        NOT_MET = "not_met", _("not met")

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="assessments"
    )
    period = models.ForeignKey(
        ReportPeriod,
        verbose_name=_("report period"),
        on_delete=models.PROTECT,
        related_name="goal_assessments",
    )
    assessment = models.CharField(_("assessment"), max_length=12, choices=Assessment.choices)
    analysis = models.TextField(_("analysis"), blank=True)
    proposed = models.CharField(
        _("proposed by the system"), max_length=12, choices=Assessment.choices, blank=True
    )

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [
            models.UniqueConstraint(fields=["goal", "period"], name="goal_assessment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_assessment_display()}"

    def history_scope(self) -> Scope:
        return Scope(
            org_unit_id=self.goal.owner_id, year_id=self.goal.year_id, goal_id=self.goal_id
        )


class Reminder(models.Model):
    """One reminder email, sent to the editors of one unit about one report period."""

    council = models.ForeignKey(
        OrgUnit,
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    period = models.ForeignKey(
        ReportPeriod,
        verbose_name=_("report period"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.CASCADE,
        related_name="reminders_received",
    )
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The addresses as they were when the email went out; users change theirs later.
    recipients = models.JSONField(_("recipients"), default=list)

    objects: ClassVar[models.Manager[Reminder]] = models.Manager()

    class Meta:
        app_label = "reports"
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "pk"]
        indexes = [models.Index(fields=["council", "period"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.period} {self.sent_at:%Y-%m-%d %H:%M}"
