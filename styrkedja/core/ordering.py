"""Moving a row up or down among its siblings, for every list users put in order."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet


def move_among(siblings: QuerySet[Any], row: Model, *, up: bool) -> bool:
    """Swap `row` with its neighbour in `siblings` (which must include it); False at an end.

    The whole list is renumbered, because imported or older rows may share positions.
    The rows are locked while they are renumbered, so two moves do not interleave.
    """
    with transaction.atomic():
        rows = list(siblings.order_by("position", "pk").select_for_update())
        index = next(i for i, sibling in enumerate(rows) if sibling.pk == row.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(rows):
            return False
        rows[index], rows[other] = rows[other], rows[index]
        for position, sibling in enumerate(rows):
            sibling.position = position
        siblings.model.objects.bulk_update(rows, ["position"])
    return True
