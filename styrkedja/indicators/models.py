"""The indicator catalogue, targets (årsmål, with versions) and outcomes (utfall)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.core.models import TimestampedModel
from styrkedja.goals.models import Goal
from styrkedja.history.models import Scope, Versioned
from styrkedja.indicators.targets import KINDS_WITH_VALUE, TargetKind
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import ReportPeriod, Year

if TYPE_CHECKING:
    from styrkedja.org.access import AnyUser


class Indicator(TimestampedModel, Versioned):
    """A definition in the city-wide catalogue, shared by every goal and unit that uses it."""

    class Periodicity(models.TextChoices):
        MONTH = "month", _("Month")
        TERTIAL = "tertial", _("Tertial")
        HALF_YEAR = "half_year", _("Half-year")
        YEAR = "year", _("Year")

    class Direction(models.TextChoices):
        HIGHER_IS_BETTER = "higher", _("higher is better")
        LOWER_IS_BETTER = "lower", _("lower is better")
        BAND = "band", _("within a band")
        NONE = "none", _("no direction")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("sum")
        MEAN = "mean", _("mean")
        WEIGHTED_MEAN = "weighted_mean", _("weighted mean")
        NONE = "none", _("not aggregated")

    name = models.TextField(_("name"))
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    periodicity = models.CharField(
        _("periodicity"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    by_sex = models.BooleanField(_("reported by sex"), default=False)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.NONE
    )
    source = models.CharField(_("data source"), max_length=200, blank=True)
    owner_kind = models.CharField(
        _("owner level"), max_length=20, choices=OrgUnit.Kind.choices, default=OrgUnit.Kind.UNIT
    )
    aggregation = models.CharField(
        _("aggregation across units"),
        max_length=20,
        choices=Aggregation.choices,
        default=Aggregation.NONE,
    )
    # The name folded for search (lower case, å/ä/ö and accents as plain letters), kept
    # by indicators.services so that search behaves alike on SQLite and PostgreSQL.
    search_name = models.TextField(editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def history_scope(self) -> Scope:
        return Scope()  # the city-wide catalogue belongs to no plan


class GoalIndicator(Versioned):
    """An indicator followed under a goal, in the order the plan prints them."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="goal_indicators"
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="goal_indicators",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator of a goal")
        verbose_name_plural = _("indicators of goals")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="goal_indicator_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.indicator}"

    def history_scope(self) -> Scope:
        return Scope(
            org_unit_id=self.goal.owner_id, year_id=self.goal.year_id, goal_id=self.goal_id
        )


class TargetQuerySet(models.QuerySet["Target"]):
    def visible_to(self, user: AnyUser) -> TargetQuerySet:
        return self.filter(access.visible_or_above_filter(user, "org_unit"))

    def current(self) -> TargetQuerySet:
        """Only the newest version of each (indicator, organisation, year)."""
        newer = Target.objects.filter(
            indicator=models.OuterRef("indicator"),
            org_unit=models.OuterRef("org_unit"),
            year=models.OuterRef("year"),
            version__gt=models.OuterRef("version"),
        )
        return self.exclude(models.Exists(newer))

    def valid_on(self, day: datetime.date) -> TargetQuerySet:
        """Only the version of each (indicator, organisation, year) in force on `day`.

        A version is in force from `valid_from` (the plan's own first version, without it,
        from the start); the newest version in force wins.
        """
        in_force = models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)
        newer = Target.objects.filter(
            in_force,
            indicator=models.OuterRef("indicator"),
            org_unit=models.OuterRef("org_unit"),
            year=models.OuterRef("year"),
            version__gt=models.OuterRef("version"),
        )
        return self.filter(in_force).exclude(models.Exists(newer))


class Target(TimestampedModel, Versioned):
    """An organisation's årsmål for an indicator and year, in one version.

    A target set for the kommun node is KF:s årsmål. A change after adoption is
    a new version carrying the decision that made it; older versions stay.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    year = models.ForeignKey(
        Year, verbose_name=_("year"), on_delete=models.PROTECT, related_name="targets"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    original_text = models.CharField(_("as written"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    valid_from = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("Empty for the plan's own target, which holds from the start of the year."),
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "org_unit", "year", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "year", "version"], name="target_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return self.original_text or self.get_kind_display()

    def history_scope(self) -> Scope:
        return Scope(org_unit_id=self.org_unit_id, year_id=self.year_id)

    def clean(self) -> None:
        if self.kind in KINDS_WITH_VALUE and self.value is None and not self.original_text:
            raise ValidationError({"value": _("Enter the target value.")})
        if self.kind != TargetKind.NONE and not self.original_text:
            raise ValidationError(
                {"original_text": _("Keep the target as it was written in the plan.")}
            )


class Outcome(TimestampedModel, Versioned):
    """A reported value (utfall) for one indicator, organisation, period and sex."""

    class Sex(models.TextChoices):
        TOTAL = "total", _("total")
        WOMEN = "women", _("women")
        MEN = "men", _("men")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="outcomes"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    period = models.ForeignKey(
        ReportPeriod,
        verbose_name=_("report period"),
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.TOTAL)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "period", "sex"], name="outcome_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.get_sex_display()}: {self.value}"

    def history_scope(self) -> Scope:
        return Scope(org_unit_id=self.org_unit_id, year_id=self.period.year_id)

    def clean(self) -> None:
        if self.sex != self.Sex.TOTAL and self.indicator_id and not self.indicator.by_sex:
            raise ValidationError({"sex": _("This indicator is not reported by sex.")})
