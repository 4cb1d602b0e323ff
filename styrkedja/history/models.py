"""What changed in plan content, by whom, and the revision every editable object carries.

A `Change` row is written by `history.writes` in the same transaction as the change it
describes. It refers to the object and its plan, goal, unit and year by number, not by
foreign key, so it outlives them: the history of a deleted goal stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkedja.history import display


@dataclass(frozen=True)
class Scope:
    """Where a change belongs: the unit and year of its plan, and its plan or goal if any."""

    org_unit_id: int | None = None
    year_id: int | None = None
    goal_id: int | None = None
    plan_id: int | None = None


class Versioned(models.Model):
    """Content that several people edit: saved changes count up its `revision`.

    An edit names the revision it started from; `history.writes` refuses it when the
    object has moved on since (an EditConflict), so nobody overwrites unseen work.
    Subclasses say where their changes belong in the history (`history_scope`).
    """

    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        abstract = True

    def history_scope(self) -> Scope:
        raise NotImplementedError


class ChangeQuerySet(models.QuerySet["Change"]):
    def for_object(self, instance: models.Model) -> ChangeQuerySet:
        return self.filter(object_type=instance._meta.label_lower, object_id=instance.pk)

    def for_goal(self, goal_id: int) -> ChangeQuerySet:
        return self.filter(goal_id=goal_id)

    def for_plan(self, *, plan_id: int, org_unit_id: int, year_id: int) -> ChangeQuerySet:
        """The plan's own rows (sections, selections) and its unit's goals of its year."""
        return self.filter(
            models.Q(plan_id=plan_id)
            | models.Q(plan_id__isnull=True, org_unit_id=org_unit_id, year_id=year_id)
        )


class Change(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written, so the row still says who after the account is gone.
    actor_name = models.CharField(_("by"), max_length=300, blank=True)
    import_job_id = models.PositiveBigIntegerField(_("import"), null=True, blank=True)
    import_name = models.CharField(_("imported file"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("kind"), max_length=100)
    object_id = models.PositiveBigIntegerField()
    object_label = models.TextField(_("what"))
    # The object's revision after this change (none after a delete).
    revision = models.PositiveIntegerField(null=True, blank=True)
    # {field name: [old value, new value]}, values as text, numbers, booleans or null.
    fields: models.JSONField[dict[str, list[Any]]] = models.JSONField(default=dict)
    org_unit_id = models.PositiveBigIntegerField(null=True, blank=True)
    year_id = models.PositiveBigIntegerField(null=True, blank=True)
    goal_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    plan_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="change_object"),
            models.Index(fields=["org_unit_id", "year_id"], name="change_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_label}"

    @property
    def who(self) -> str:
        """The person, or the import, that made the change, in words."""
        if self.import_name and self.actor_name:
            return _("Import of %(file)s by %(name)s") % {
                "file": self.import_name,
                "name": self.actor_name,
            }
        if self.import_name:
            return _("Import of %(file)s") % {"file": self.import_name}
        return self.actor_name or str(_("the system"))

    @property
    def kind_label(self) -> str:
        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except LookupError:
            return self.object_type

    def field_rows(self) -> list[FieldChange]:
        """The changed fields, their values as people read them."""
        rows = []
        for name, (old, new) in self.fields.items():
            field = display.model_field(self.object_type, name)
            label = str(getattr(field, "verbose_name", name)).capitalize()
            rows.append(
                FieldChange(
                    name=name,
                    label=label,
                    old=display.shown(field, old),
                    new=display.shown(field, new),
                    is_text=display.is_text(field),
                )
            )
        return rows


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    # Free text, shown word by word; other values are shown whole.
    is_text: bool
