"""Codes of the standard goal levels created by migration 0002; the importer and demo use them."""

DIRECTION = "direction"  # KF:s inriktningsmål
AREA = "area"  # KF:s mål för verksamhetsområdet
COUNCIL = "council"  # nämndmål
UNIT = "unit"  # enhetsmål
