"""Every write of plan content: only what differs, checked against the editor's revision,
and recorded in the history in the same transaction.

Imports run again and again over the same documents; writing unchanged rows would make
every re-import look like an edit and fill the history, so unchanged values are not
written. Models that are not `Versioned` (years, memberships, comments) are written the
same way, without revision or history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import ForeignKey, Model, QuerySet

from styrkedja.history import recording
from styrkedja.history.models import Change, Versioned

M = TypeVar("M", bound=Model)


class EditConflict(Exception):
    """The object was saved by someone else after the revision the edit started from.

    `current` is the object as it is now; `changes` what was done to it since.
    """

    def __init__(self, current: Versioned, base_revision: int) -> None:
        super().__init__(f"{current._meta.label} {current.pk} is at revision {current.revision}")
        self.current = current
        self.base_revision = base_revision

    @property
    def changes(self) -> list[Change]:
        return list(
            Change.objects.for_object(self.current)
            .filter(revision__gt=self.base_revision)
            .order_by("at", "pk")
        )


def update_changed_fields(instance: Model, **values: Any) -> bool:
    """Set the fields whose values differ, validate and save them; True if anything changed.

    Compares with the instance as loaded, which costs no query when nothing changed (the
    common case of a re-import). A person's edit goes through `update_edited` instead.
    """
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return False
    if not isinstance(instance, Versioned) or not _recorded(instance) & set(changed):
        # Not content people write (order, search keys): no revision, no history.
        for name in changed:
            setattr(instance, name, values[name])
        validate(instance)
        instance.save(update_fields=[*changed, *_auto_now_fields(instance)])
        return True
    with transaction.atomic():
        _save_recorded(instance, instance, _locked_revision(instance), changed, values)
    return True


def update_edited(instance: Versioned, *, base_revision: int | None, **values: Any) -> bool:
    """A person's edit, made on `base_revision`: write the values that differ from the stored row.

    Raises EditConflict, writing nothing, if someone saved the object after `base_revision`
    and the edit would change it; values equal to what is stored lose nothing. None (a
    request without the revision) saves unchecked. The comparison is with the row as
    stored, because a bound ModelForm has already put the user's values on its instance.
    """
    with transaction.atomic():
        stored = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        changed = [name for name, value in values.items() if getattr(stored, name) != value]
        if not changed:
            return False
        if base_revision is not None and stored.revision != base_revision:
            instance.refresh_from_db()
            raise EditConflict(instance, base_revision)
        _save_recorded(instance, stored, stored.revision, changed, values)
    return True


def _save_recorded(
    instance: Versioned,
    stored: Versioned,
    revision: int,
    changed: list[str],
    values: dict[str, Any],
) -> None:
    """Write the changed fields with the next revision, and record old and new values."""
    recorded = _recorded(instance)
    fields = {name: [_value(stored, name)] for name in changed if name in recorded}
    for name in changed:
        setattr(instance, name, values[name])
    validate(instance)
    instance.revision = revision + 1
    instance.save(update_fields=[*changed, "revision", *_auto_now_fields(instance)])
    for name, pair in fields.items():
        pair.append(_value(instance, name))
    recording.record_updated(instance, fields, revision_before=revision)


def check_revision(instance: Versioned, base_revision: int | None) -> None:
    """Raise EditConflict if the object moved on from `base_revision` (for deletes and the like)."""
    if base_revision is not None and _locked_revision(instance) != base_revision:
        instance.refresh_from_db()
        raise EditConflict(instance, base_revision)


def create_validated(model: type[M], **values: Any) -> M:
    instance = model(**values)
    validate(instance)
    with transaction.atomic():
        instance.save()
        if isinstance(instance, Versioned):
            recording.record_created(instance)
    return instance


def bulk_create_recorded(model: type[M], rows: Sequence[M]) -> list[M]:
    """Insert rows already validated by the caller, recording each as created."""
    if not rows:
        return []
    with transaction.atomic():
        created = model._default_manager.bulk_create(rows)
        versioned = [row for row in created if isinstance(row, Versioned)]
        if versioned:
            recording.record_created_in_bulk(versioned)
    return created


def delete_recorded(
    instances: Iterable[Model] | QuerySet[Any], *, base_revision: int | None = None
) -> int:
    """Delete the rows, recording each with its last content; returns how many went.

    `base_revision` applies to a single instance: one edited since is not deleted.
    """
    rows = list(instances)
    if not rows:
        return 0
    with transaction.atomic():
        if base_revision is not None:
            (row,) = rows
            assert isinstance(row, Versioned)
            check_revision(row, base_revision)
        versioned = [row for row in rows if isinstance(row, Versioned)]
        if versioned:
            recording.record_deleted(versioned)
        for row in rows:
            row.delete()
    return len(rows)


def validate(instance: Model) -> None:
    """full_clean(), without looking up again the related rows the caller passed as objects.

    Django checks a foreign key by querying its target; for a row the caller has
    just loaded that costs one query per relation per row and proves nothing.
    Constraints on those fields are left to the database, which enforces them.
    """
    loaded = [
        field.name
        for field in instance._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.is_cached(instance)
    ]
    instance.full_clean(exclude=loaded)


def _locked_revision(instance: Versioned) -> int:
    revision: int = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("revision", flat=True)
        .get()
    )
    return revision


def _recorded(instance: Model) -> set[str]:
    return {field.name for field in recording.recorded_fields(instance)}


def _value(instance: Model, name: str) -> Any:
    return recording.field_value(instance, instance._meta.get_field(name))  # type: ignore[arg-type]


def _auto_now_fields(instance: Model) -> list[str]:
    return [
        field.name for field in instance._meta.concrete_fields if getattr(field, "auto_now", False)
    ]
