"""The workflow of plans and reports: every status change as it happened, the adopted versions
frozen as they were adopted, and per nämnd who adopts its units' plans under delegation.

The status itself is `plans.Plan.status`; `workflow.services` is the only code that changes it.
Neither log nor versions has an update path: rows are created and then only read.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styrkedja.org.models import OrgUnit, Role
from styrkedja.plans.models import Plan


class Transition(models.Model):
    """One status change of a plan or report: who moved it from what to what, and why."""

    class Action(models.TextChoices):
        MARK_READY = "mark_ready", _("marked ready")
        APPROVE = "approve", _("approved")
        RETURN = "return", _("returned")
        DECIDE = "decide", _("decided")
        ADOPT = "adopt", _("adopted under delegation")
        LOCK = "lock", _("locked")
        REOPEN = "reopen", _("reopened as a new version")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    from_status = models.CharField(_("status before"), max_length=10, choices=Plan.Status.choices)
    to_status = models.CharField(_("status after"), max_length=10, choices=Plan.Status.choices)
    # The plan's version after the change: 1 until the first reopening.
    version = models.PositiveIntegerField(_("version"), default=1)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written, so the log still says who after the account is gone.
    actor_name = models.CharField(_("by"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_action_display()}"


class PlanVersion(models.Model):
    """A plan or report exactly as it was adopted, frozen at the moment of adoption.

    Taken when the plan is adopted rather than when it is reopened: a unit's plan shows
    shared goals and targets that others may change later, and the version must stay what
    was decided. `snapshot` is the plan in the importer's JSON form (exporter.json_export),
    with a report's outcomes, activity statuses and assessments added.
    """

    class Decision(models.TextChoices):
        DECIDED = "decided", _("decided by the committee")
        DELEGATED = "delegated", _("adopted under delegation")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    # None for a plan adopted outside the workflow (imported or seeded), frozen on reopening.
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), default=timezone.now)
    snapshot: models.JSONField[dict[str, Any]] = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("adopted version")
        verbose_name_plural = _("adopted versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique"),
        ]

    def __str__(self) -> str:
        return _("%(plan)s, version %(number)s") % {"plan": self.plan, "number": self.number}


class DelegationSetting(models.Model):
    """Which role on a nämnd adopts (fastställer) its units' plans and reports under delegation.

    A nämnd without a row delegates to its granskare (DEFAULT_ADOPTING_ROLE).
    """

    ROLE_CHOICES = [
        (Role.REVIEWER, Role.REVIEWER.label),
        (Role.ADMINISTRATOR, Role.ADMINISTRATOR.label),
    ]

    council = models.OneToOneField(
        OrgUnit,
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="delegation_setting",
        limit_choices_to={"kind": OrgUnit.Kind.COUNCIL},
    )
    adopting_role = models.CharField(
        _("adopted by"), max_length=20, choices=ROLE_CHOICES, default=Role.REVIEWER
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("delegation setting")
        verbose_name_plural = _("delegation settings")

    def __str__(self) -> str:
        return f"{self.council}: {self.get_adopting_role_display()}"


DEFAULT_ADOPTING_ROLE: str = Role.REVIEWER


def adopting_role_for(unit: OrgUnit) -> str:
    """The role that adopts `unit`'s plans under delegation: its nämnd's setting (one query)."""
    chosen = (
        DelegationSetting.objects.filter(council_id__in=[*unit.ancestor_ids, unit.pk])
        .values_list("adopting_role", flat=True)
        .first()
    )
    return chosen or DEFAULT_ADOPTING_ROLE
