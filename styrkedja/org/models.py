"""The organisation tree, its users and their roles in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styrkedja.core.collation import swedish
from styrkedja.core.models import TimestampedModel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class User(AbstractUser):
    """A person who logs in. Custom from the start so that SSO can extend it later."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def in_swedish_order(self) -> OrgUnitQuerySet:
        return self.order_by(swedish("name"), "pk")

    def descendants_of(self, unit: OrgUnit, *, include_self: bool = True) -> OrgUnitQuerySet:
        queryset = self.filter(path__startswith=unit.path)
        return queryset if include_self else queryset.exclude(pk=unit.pk)

    def valid_in(self, year: int) -> OrgUnitQuerySet:
        """Units that existed at some point during `year`."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__year__lte=year),
            Q(valid_to__isnull=True) | Q(valid_to__year__gte=year),
        )


class OrgUnit(TimestampedModel):
    """A node of the organisation: the municipality, a committee, an administration, a unit."""

    class Kind(models.TextChoices):
        # Ordered from the top of the tree; RANK below relies on this order.
        MUNICIPALITY = "kommun", _("municipality")
        COUNCIL = "namnd", _("committee")
        ADMINISTRATION = "forvaltning", _("administration")
        DEPARTMENT = "avdelning", _("department")
        UNIT = "enhet", _("unit")

    RANK: ClassVar[dict[str, int]] = {kind: rank for rank, kind in enumerate(Kind.values)}

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Materialised path of primary keys ("/1/4/9/"), so that "this unit and
    # everything below it" is one indexed prefix match on both databases.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.kind == self.Kind.MUNICIPALITY and self.parent_id is not None:
            errors["parent"] = _("A municipality is the top of the tree and has no parent.")
        elif self.kind != self.Kind.MUNICIPALITY and self.parent_id is None:
            errors["parent"] = _("Only a municipality may be without a parent.")
        elif self.parent is not None:
            if self.pk is not None and f"/{self.pk}/" in self.parent.path:
                errors["parent"] = _("A unit cannot be placed below itself.")
            elif not self._may_sit_below(self.parent):
                errors["parent"] = _("A %(kind)s cannot be placed below a %(parent_kind)s.") % {
                    "kind": self.get_kind_display(),
                    "parent_kind": self.parent.get_kind_display(),
                }
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    def _may_sit_below(self, parent: OrgUnit) -> bool:
        # Departments may nest, and a unit may have sub-units; otherwise each
        # kind sits below a kind higher up.
        same_kind_nests = self.kind in (self.Kind.DEPARTMENT, self.Kind.UNIT)
        if same_kind_nests and parent.kind == self.kind:
            return True
        return self.RANK[parent.kind] < self.RANK[self.kind]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path is derived from the parent chain and must never disagree with
        # it, so it is kept here rather than in every service that moves units.
        with transaction.atomic():
            super().save(*args, **kwargs)
            new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
            if new_path != self.path:
                old_path, self.path = self.path, new_path
                OrgUnit.objects.filter(pk=self.pk).update(path=new_path)
                if old_path:
                    self._move_descendants(old_path, new_path)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        descendants = OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk)
        for descendant in descendants:
            descendant.path = new_path + descendant.path[len(old_path) :]
        OrgUnit.objects.bulk_update(descendants, ["path"])

    @property
    def ancestor_ids(self) -> list[int]:
        """Primary keys from the top of the tree down to (not including) this unit."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    @property
    def is_council(self) -> bool:
        return self.kind == self.Kind.COUNCIL

    def council(self) -> OrgUnit | None:
        """The nämnd this unit belongs to (itself if it is one)."""
        if self.kind == self.Kind.COUNCIL:
            return self
        return (
            OrgUnit.objects.filter(pk__in=self.ancestor_ids, kind=self.Kind.COUNCIL)
            .order_by("-path")
            .first()
        )


class Role(models.TextChoices):
    # Ordered by how much the role may do; access.py relies on this order.
    READER = "reader", _("reader")
    EDITOR = "editor", _("editor")
    REVIEWER = "reviewer", _("reviewer")
    ADMINISTRATOR = "administrator", _("administrator")


ROLE_RANK: dict[str, int] = {role: rank for rank, role in enumerate(Role.values)}


class Membership(TimestampedModel):
    """A user's role on one node of the tree; it reaches every node below it too."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "org_unit"], name="membership_unique_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.org_unit} ({self.get_role_display()})"
