"""Codes of the standard goal levels created by migration 0002; the importer and demo use them."""

DIRECTION = "direction"  # KF:s inriktningsmål
AREA = "area"  # KF:s mål för verksamhetsområdet
COUNCIL = "council"  # nämndmål
UNIT = "unit"  # enhetsmål

# The four levels of DOMAIN.md: (code, name, depth, owner kind, numbered). Migration 0002
# creates them in a new database; ensure_standard_levels() puts back any that are missing.
STANDARD_LEVELS = [
    (DIRECTION, "KF:s inriktningsmål", 1, "kommun", True),
    (AREA, "KF:s mål för verksamhetsområdet", 2, "kommun", True),
    (COUNCIL, "Nämndmål", 3, "namnd", True),
    (UNIT, "Enhetsmål", 4, "enhet", False),
]
