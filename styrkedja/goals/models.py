"""Goals at every level of the chain, their expected results and Agenda 2030 tags."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.core.models import TimestampedModel
from styrkedja.history.models import Scope, Versioned
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Year

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from styrkedja.org.access import AnyUser


class GoalLevel(TimestampedModel):
    """A level of the goal chain. Stockholm has four; another city names and counts its own."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    depth = models.PositiveSmallIntegerField(_("depth"), unique=True)
    owner_kind = models.CharField(
        _("owned by"),
        max_length=20,
        choices=OrgUnit.Kind.choices,
        blank=True,
        help_text=_("The kind of organisation unit whose goals sit at this level."),
    )
    numbered = models.BooleanField(_("numbered"), default=True)

    class Meta:
        verbose_name = _("goal level")
        verbose_name_plural = _("goal levels")
        ordering = ["depth"]

    def __str__(self) -> str:
        return self.name


class GoalQuerySet(models.QuerySet["Goal"]):
    def for_year(self, year: int) -> GoalQuerySet:
        return self.filter(year__number=year)

    def visible_to(self, user: AnyUser) -> GoalQuerySet:
        # A goal is readable where its owner is, and so are the goals above a
        # reader's units, because every plan repeats them for context.
        return self.filter(access.visible_or_above_filter(user, "owner"))


class Goal(TimestampedModel, Versioned):
    level = models.ForeignKey(
        GoalLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="goals"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.TextField(_("title"))
    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="goals"
    )
    year = models.ForeignKey(
        Year, verbose_name=_("year"), on_delete=models.PROTECT, related_name="goals"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("contributes to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    previous_year_goal = models.ForeignKey(
        "self",
        verbose_name=_("previous year's goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_year_goals",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)
    ways_of_working = models.TextField(_("ways of working"), blank=True)
    resource_use = models.TextField(_("resource use"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    development = models.TextField(_("development"), blank=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["year", "owner"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="goal_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def history_scope(self) -> Scope:
        return Scope(org_unit_id=self.owner_id, year_id=self.year_id, goal_id=self.pk)

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        level = self.level if self.level_id else None
        if level is not None:
            errors.update(self._parent_errors(level))
            if level.owner_kind and self.owner_id and self.owner.kind != level.owner_kind:
                errors["owner"] = _("Goals at the level %(level)s belong to a %(kind)s.") % {
                    "level": level.name,
                    "kind": level.get_owner_kind_display(),
                }
        previous = self.previous_year_goal
        if previous is not None and self.year_id and previous.year.number != self.year.number - 1:
            errors["previous_year_goal"] = _(
                "The previous year's goal must be from the year before."
            )
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self, level: GoalLevel) -> dict[str, StrOrPromise]:
        parent = self.parent
        if parent is None:
            if level.depth > 1:
                return {"parent": _("A goal at this level must contribute to a goal one level up.")}
            return {}
        if level.depth == 1:
            return {"parent": _("A goal at the top level contributes to no other goal.")}
        if parent.level.depth != level.depth - 1:
            return {"parent": _("The goal it contributes to must be exactly one level up.")}
        if self.year_id and parent.year_id != self.year_id:
            return {"parent": _("The goal it contributes to must be of the same year.")}
        return {}

    @property
    def heading(self) -> str:
        """The goal as printed in a plan: "Nämndmål: 1.3.3 Title"."""
        numbered_title = " ".join(part for part in (self.display_number, self.title) if part)
        return f"{self.level.name}: {numbered_title}"

    @property
    def display_number(self) -> str:
        # Plans print a top-level number with a dot ("1.") and deeper ones without ("1.3").
        if self.number and "." not in self.number:
            return f"{self.number}."
        return self.number


class ExpectedResult(TimestampedModel, Versioned):
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="expected_results",
    )
    text = models.TextField(_("text"))
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
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    def history_scope(self) -> Scope:
        return Scope(
            org_unit_id=self.goal.owner_id, year_id=self.goal.year_id, goal_id=self.goal_id
        )


AGENDA_2030_CODE = re.compile(r"^(1[0-7]|[1-9])(\.([1-9][0-9]?|[a-z]))?$")


class Agenda2030Tag(models.Model):
    """An Agenda 2030 goal ("5") or target ("16.1") that a goal contributes to."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="agenda_2030_tags"
    )
    code = models.CharField(_("Agenda 2030 goal or target"), max_length=6)

    class Meta:
        verbose_name = _("Agenda 2030 tag")
        verbose_name_plural = _("Agenda 2030 tags")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "code"], name="agenda_2030_tag_unique"),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if not AGENDA_2030_CODE.match(self.code):
            raise ValidationError(
                {"code": _("Enter a goal (1–17) or a target such as 16.1 or 6.b.")}
            )
