"""Write only what differs, and say whether anything was written.

Imports run again and again over the same documents; writing unchanged rows
would make every re-import look like an edit (and, later, fill the history).
"""

from typing import Any

from django.db.models import Model


def update_changed_fields(instance: Model, **values: Any) -> bool:
    """Set the fields whose values differ, validate and save them; True if anything changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(instance, name, values[name])
    instance.full_clean()
    instance.save(update_fields=[*changed, *_auto_now_fields(instance)])
    return True


def create_validated(model: type[Model], **values: Any) -> Any:
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


def _auto_now_fields(instance: Model) -> list[str]:
    return [
        field.name for field in instance._meta.concrete_fields if getattr(field, "auto_now", False)
    ]
