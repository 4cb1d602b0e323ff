"""Who is changing plan content right now: a person (set per request) or an import.

The request middleware and the import job name the actor once, around their work;
`history.writes` reads it when it records a change. An import also collects what
it touched, so that it can compare with what its preview saw.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from styrkedja.history.models import Change, Versioned


@dataclass(frozen=True)
class Touched:
    """An existing object an import changed or deleted, and its revision before.

    Collected for every block run with an `import_name`, so that an import can compare
    what it touched with what its preview saw.
    """

    key: str
    revision_before: int
    label: str
    action: str


@dataclass
class Actor:
    user: Any = None  # a User, possibly the request's lazy one; read when a change is made
    import_job_id: int | None = None
    import_name: str = ""
    touched: list[Touched] = field(default_factory=list)

    def person(self) -> Any:
        user = self.user
        return user if user is not None and user.is_authenticated else None


_actor: ContextVar[Actor | None] = ContextVar("styrkedja_history_actor", default=None)


@contextmanager
def acting(
    *, user: Any = None, import_job_id: int | None = None, import_name: str = ""
) -> Iterator[Actor]:
    """Record the changes made inside the block as made by `user` (through the import)."""
    actor = Actor(user=user, import_job_id=import_job_id, import_name=import_name)
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


def current_actor() -> Actor | None:
    return _actor.get()


def object_key(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


# Values as the history stores them ----------------------------------------------------------


def stored_value(value: Any) -> Any:
    """A value as the history keeps it: JSON types, dates as ISO text, rows by name."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, dict)):
        return value
    return str(value)


def recorded_fields(instance: models.Model) -> list[models.Field[Any, Any]]:
    """The fields a person would call the object's content: not keys, order or bookkeeping."""
    return [
        field
        for field in instance._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name != "position"
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def field_value(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    """A field's value as stored in the history; related rows by their name."""
    if field.is_relation:
        if getattr(instance, field.attname) is None:
            return None
        return stored_value(getattr(instance, field.name))
    return stored_value(getattr(instance, field.attname))


def snapshot(instance: models.Model) -> dict[str, Any]:
    return {field.name: field_value(instance, field) for field in recorded_fields(instance)}


# Recording ---------------------------------------------------------------------------------


def change_row(
    action: str,
    instance: Versioned,
    fields: dict[str, list[Any]],
    *,
    revision_before: int | None = None,
) -> Change:
    """An unsaved Change for `instance` by the current actor; an import also notes it."""
    actor = current_actor() or Actor()
    person = actor.person()
    scope = instance.history_scope()
    if actor.import_name and revision_before is not None:
        actor.touched.append(
            Touched(
                key=object_key(instance),
                revision_before=revision_before,
                label=_label(instance),
                action=action,
            )
        )
    return Change(
        at=timezone.now(),
        actor=person,
        actor_name=_person_name(person),
        import_job_id=actor.import_job_id,
        import_name=actor.import_name,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=instance.pk,
        object_label=_label(instance),
        revision=None if action == Change.Action.DELETE else instance.revision,
        fields=fields,
        org_unit_id=scope.org_unit_id,
        year_id=scope.year_id,
        goal_id=scope.goal_id,
        plan_id=scope.plan_id,
    )


def _label(instance: models.Model) -> str:
    text = " ".join(str(instance).split())
    return text if len(text) <= 300 else text[:299] + "…"


def _person_name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def record_created(instance: Versioned) -> None:
    fields = {name: [None, value] for name, value in snapshot(instance).items() if value != ""}
    change_row(Change.Action.CREATE, instance, fields).save()


def record_updated(instance: Versioned, fields: dict[str, list[Any]], revision_before: int) -> None:
    change_row(Change.Action.UPDATE, instance, fields, revision_before=revision_before).save()


def record_deleted(instances: Sequence[Versioned]) -> None:
    rows = [
        change_row(
            Change.Action.DELETE,
            instance,
            {name: [value, None] for name, value in snapshot(instance).items() if value != ""},
            revision_before=instance.revision,
        )
        for instance in instances
    ]
    Change.objects.bulk_create(rows)


def record_created_in_bulk(instances: Sequence[Versioned]) -> None:
    Change.objects.bulk_create(
        [
            change_row(
                Change.Action.CREATE,
                instance,
                {name: [None, value] for name, value in snapshot(instance).items() if value != ""},
            )
            for instance in instances
        ]
    )
