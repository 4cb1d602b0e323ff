"""Plans and reports (VP, T1, T2, VB): their sections, attachments and what they include
of the goals above their unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.activities.models import Activity
from styrkedja.core.models import TimestampedModel
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.history.models import Scope, Versioned
from styrkedja.indicators.models import Indicator
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, Year

if TYPE_CHECKING:
    from styrkedja.org.access import AnyUser


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: AnyUser) -> PlanQuerySet:
        return self.filter(access.visible_filter(user, "org_unit"))


class Plan(TimestampedModel, Versioned):
    """One document of one organisation unit for one year: its plan or one of its reports."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        READY = "ready", _("marked ready")
        APPROVED = "approved", _("approved")
        ADOPTED = "adopted", _("adopted")
        LOCKED = "locked", _("locked")

    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    year = models.ForeignKey(
        Year, verbose_name=_("year"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(
        _("kind"), max_length=2, choices=PeriodKind.choices, default=PeriodKind.PLAN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    source = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    # The date the document itself carries (a tjänsteutlåtande's letterhead).
    document_date = models.DateField(_("document date"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["year", "org_unit", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year", "kind"], name="plan_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.org_unit}"

    def history_scope(self) -> Scope:
        return Scope(org_unit_id=self.org_unit_id, year_id=self.year_id, plan_id=self.pk)

    @property
    def is_adopted(self) -> bool:
        """Adopted (fastställd or beslutad), and perhaps locked: what was decided stays."""
        return self.status in ADOPTED_STATUSES


# A plan in one of these statuses is the version that was decided.
ADOPTED_STATUSES = (Plan.Status.ADOPTED, Plan.Status.LOCKED)


def get_plan_for_user(
    user: AnyUser, *, unit_id: int, year: int, kind: str = PeriodKind.PLAN
) -> Plan:
    """The plan of a unit and year, for a user who may read it.

    404 for an unknown unit, year or plan; 403 for a unit the user may not read.
    """
    unit = access.get_org_unit_for_user(user, unit_id)
    return access.get_object_for_user(
        user,
        Plan.objects.select_related("org_unit", "year"),
        unit_of="org_unit",
        org_unit=unit,
        year__number=year,
        kind=kind,
    )


def get_plan_by_id_for_user(user: AnyUser, plan_id: int, *, write: bool = False) -> Plan:
    """The plan; with `write`, only for a user who may edit it, and only while it is a draft.

    404 for an unknown plan; 403 for a plan the user may not read, or (with write) change.
    """
    plan = access.get_object_for_user(
        user, Plan.objects.select_related("org_unit", "year"), unit_of="org_unit", pk=plan_id
    )
    if write:
        if not access.can_edit_plans_of(user, plan.org_unit):
            raise PermissionDenied(_("You may read this plan but not change it."))
        if plan.status != Plan.Status.DRAFT:
            raise PermissionDenied(
                _("The plan is %(status)s and can no longer be changed.")
                % {"status": plan.get_status_display()}
            )
    return plan


class PlanSection(TimestampedModel, Versioned):
    """A free-text section before or after the goal structure, in plan order."""

    class Placement(models.TextChoices):
        OPENING = "opening", _("before the goals")
        CLOSING = "closing", _("after the goals")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections"
    )
    placement = models.CharField(
        _("placement"), max_length=10, choices=Placement.choices, default=Placement.OPENING
    )
    # Empty for text that stands before any heading in the document.
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(
        _("heading level"), default=1, help_text=_("1 for a main heading, 2 and 3 below it.")
    )
    body = models.TextField(_("text"), blank=True)
    # Tables that belong to the section (a nämnd plan's budget tables), each
    # {"caption": str, "header": [str], "rows": [[str]]}, shown after the text.
    tables = models.JSONField(_("tables"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    source = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="plan_section_level_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    def history_scope(self) -> Scope:
        return Scope(plan_id=self.plan_id)


class Attachment(TimestampedModel):
    """A numbered bilaga of a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="attachments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="attachments/%Y/", blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="attachment_unique_number"),
        ]

    def __str__(self) -> str:
        return _("Attachment %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class PlanGoal(Versioned):
    """A goal above the plan's unit that this plan shows, and how it shows it.

    Goals are shared (one nämndmål for all units of the nämnd), but each unit's
    plan shows only the expected results, activities and indicators that concern
    it, sometimes in its own words. The plan's own goals need no such row.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="included_goals"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="plan_inclusions"
    )
    title = models.TextField(
        _("title in this plan"), blank=True, help_text=_("Leave empty to use the goal's title.")
    )
    description = models.TextField(
        _("description in this plan"),
        blank=True,
        help_text=_("Leave empty to use the goal's description."),
    )

    class Meta:
        verbose_name = _("included goal")
        verbose_name_plural = _("included goals")
        constraints = [
            models.UniqueConstraint(fields=["plan", "goal"], name="plan_goal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.goal}"

    def history_scope(self) -> Scope:
        return Scope(plan_id=self.plan_id, goal_id=self.goal_id)

    def clean(self) -> None:
        if not (self.plan_id and self.goal_id):
            return
        if self.goal.year_id != self.plan.year_id:
            raise ValidationError({"goal": _("The goal must be of the plan's year.")})
        if self.goal.owner_id not in self.plan.org_unit.ancestor_ids:
            raise ValidationError(
                {"goal": _("A plan includes goals of the organisation units above its own.")}
            )


class PlanExpectedResult(Versioned):
    plan_goal = models.ForeignKey(
        PlanGoal, on_delete=models.CASCADE, related_name="expected_results"
    )
    expected_result = models.ForeignKey(
        ExpectedResult,
        verbose_name=_("expected result"),
        on_delete=models.PROTECT,
        related_name="plan_inclusions",
    )
    text = models.TextField(
        _("wording in this plan"), blank=True, help_text=_("Leave empty to use the shared text.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("included expected result")
        verbose_name_plural = _("included expected results")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_goal", "expected_result"], name="plan_expected_result_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text or self.expected_result.text

    def history_scope(self) -> Scope:
        return Scope(plan_id=self.plan_goal.plan_id, goal_id=self.plan_goal.goal_id)


class PlanActivity(Versioned):
    plan_goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="activities")
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="plan_inclusions",
    )
    text = models.TextField(
        _("wording in this plan"), blank=True, help_text=_("Leave empty to use the shared text.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("included activity")
        verbose_name_plural = _("included activities")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan_goal", "activity"], name="plan_activity_unique"),
        ]

    def __str__(self) -> str:
        return self.text or self.activity.text

    def history_scope(self) -> Scope:
        return Scope(plan_id=self.plan_goal.plan_id, goal_id=self.plan_goal.goal_id)


class PlanIndicator(Versioned):
    plan_goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="plan_inclusions",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("included indicator")
        verbose_name_plural = _("included indicators")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_goal", "indicator"], name="plan_indicator_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.indicator)

    def history_scope(self) -> Scope:
        return Scope(plan_id=self.plan_goal.plan_id, goal_id=self.plan_goal.goal_id)
