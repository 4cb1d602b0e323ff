"""Whether an import would overwrite what someone changed after its preview.

The preview writes each plan in a transaction it rolls back and notes the revision of
every existing object it would change or delete: its base. The confirmed import notes the
same while it writes; an object whose revision moved on since the base, or that the
preview did not touch at all, and that someone else changed after the preview, stops the
plan. Changes made by the same import job (an earlier plan of it writing a shared row)
do not count: the preview ran each plan alone, so they were bound to differ.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from styrkedja.history.models import Change, ChangeQuerySet
from styrkedja.history.recording import Touched


@dataclass(frozen=True)
class PreviewBase:
    """What the preview of one plan would change: {object key: revision before}, and when."""

    revisions: dict[str, int]
    previewed_at: datetime.datetime
    import_job_id: int | None = None


@dataclass(frozen=True)
class StoppedObject:
    """An object someone changed after the preview, with those changes, newest first."""

    key: str
    label: str
    change_ids: list[int]


def base_revisions(touched: Sequence[Touched]) -> dict[str, int]:
    """Each object's revision before the plan was written: the first time it was touched."""
    revisions: dict[str, int] = {}
    for item in touched:
        revisions.setdefault(item.key, item.revision_before)
    return revisions


def changed_since_preview(touched: Sequence[Touched], base: PreviewBase) -> list[StoppedObject]:
    """The objects just written over that someone else changed after the preview."""
    moved = [
        key
        for key, revision in base_revisions(touched).items()
        if base.revisions.get(key) != revision
    ]
    if not moved:
        return []
    changes = _changes_of(moved).filter(at__gte=base.previewed_at)
    if base.import_job_id is not None:
        changes = changes.exclude(import_job_id=base.import_job_id)
    by_key: dict[str, list[Change]] = {}
    for change in changes.order_by("-at", "-pk").only("object_type", "object_id", "object_label"):
        by_key.setdefault(_key(change), []).append(change)
    return [
        StoppedObject(
            key=key,
            label=by_key[key][0].object_label,
            change_ids=[change.pk for change in by_key[key]],
        )
        for key in moved
        if key in by_key
    ]


def edits_by_people(touched: Sequence[Touched]) -> list[Change]:
    """The last change of each touched object, where a person made it in Styrkedja.

    The preview warns about these: the import would replace someone's work, not an
    earlier import's.
    """
    keys = list(base_revisions(touched))
    if not keys:
        return []
    newest: dict[str, Change] = {}
    for change in _changes_of(keys).order_by("-at", "-pk"):
        newest.setdefault(_key(change), change)
    last_changes = [newest[key] for key in keys if key in newest]
    return [change for change in last_changes if not change.import_name and change.actor_name]


def _changes_of(keys: Sequence[str]) -> ChangeQuerySet:
    ids_by_type: dict[str, list[int]] = {}
    for key in keys:
        object_type, object_id = key.rsplit(":", 1)
        ids_by_type.setdefault(object_type, []).append(int(object_id))
    condition = Q(pk__in=[])
    for object_type, ids in ids_by_type.items():
        condition |= Q(object_type=object_type, object_id__in=ids)
    return Change.objects.filter(condition)


def _key(change: Change) -> str:
    return f"{change.object_type}:{change.object_id}"
