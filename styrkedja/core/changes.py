"""Write only what differs, and say whether anything was written.

Imports run again and again over the same documents; writing unchanged rows
would make every re-import look like an edit (and, later, fill the history).
"""

from typing import Any

from django.db.models import ForeignKey, Model


def update_changed_fields(instance: Model, **values: Any) -> bool:
    """Set the fields whose values differ, validate and save them; True if anything changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(instance, name, values[name])
    validate(instance)
    instance.save(update_fields=[*changed, *_auto_now_fields(instance)])
    return True


def create_validated(model: type[Model], **values: Any) -> Any:
    instance = model(**values)
    validate(instance)
    instance.save()
    return instance


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


def _auto_now_fields(instance: Model) -> list[str]:
    return [
        field.name for field in instance._meta.concrete_fields if getattr(field, "auto_now", False)
    ]
