"""Swedish ordering (å, ä, ö after z) that gives the same order on SQLite and PostgreSQL.

PostgreSQL gets an ICU collation from this app's migration; SQLite gets a Python
collation of the same name on every new connection (see CoreConfig.ready).
"""

import unicodedata
from typing import Any

from django.db.models import Expression, F
from django.db.models.functions import Collate

SWEDISH_COLLATION = "styrkedja_sv"

# Letters that sort after z in Swedish, and the letters that Swedish files with them.
_AFTER_Z = {"å": "\ue001", "ä": "\ue002", "æ": "\ue002", "ö": "\ue003", "ø": "\ue003"}
# Letters that Swedish sorts as another letter of the alphabet.
_FILED_AS = {"ü": "y"}


def _primary_letter(char: str) -> str:
    if char in _AFTER_Z:
        return _AFTER_Z[char]
    if char in _FILED_AS:
        return _FILED_AS[char]
    # é, è, à and the like sort as their base letter.
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


def swedish_sort_key(value: str) -> tuple[str, str]:
    """Key that orders strings as Swedish readers expect, case-insensitively first."""
    primary = "".join(_primary_letter(char) for char in value.casefold())
    # Ties (same letters, other case) are broken with lower case first, as ICU does.
    return primary, value.swapcase()


def compare_swedish(left: str, right: str) -> int:
    """SQLite collation callback: negative, zero or positive like strcmp."""
    left_key, right_key = swedish_sort_key(left), swedish_sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def swedish(field: str | Expression) -> Collate:
    """Order by `field` in Swedish: `queryset.order_by(swedish("name"))`."""
    expression: Any = F(field) if isinstance(field, str) else field
    return Collate(expression, SWEDISH_COLLATION)
