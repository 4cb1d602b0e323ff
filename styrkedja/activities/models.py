"""Activities under goals and the units that carry them out."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.core.models import TimestampedModel
from styrkedja.goals.models import Goal
from styrkedja.history.models import Scope, Versioned
from styrkedja.org.models import OrgUnit


class Activity(TimestampedModel, Versioned):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="activities"
    )
    text = models.TextField(_("activity"))
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    source = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    assigned_units: models.ManyToManyField[OrgUnit, ActivityAssignment] = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("carried out by"),
        through="ActivityAssignment",
        related_name="assigned_activities",
        blank=True,
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def history_scope(self) -> Scope:
        return Scope(
            org_unit_id=self.goal.owner_id, year_id=self.goal.year_id, goal_id=self.goal_id
        )

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class ActivityAssignment(models.Model):
    """A unit that carries out an activity of a goal above it (a nämnd activity, say)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="assignments"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.CASCADE,
        related_name="activity_assignments",
    )

    class Meta:
        verbose_name = _("activity assignment")
        verbose_name_plural = _("activity assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "org_unit"], name="activity_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} → {self.org_unit}"
