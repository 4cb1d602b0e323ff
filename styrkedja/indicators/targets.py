"""Reading a target as plans print it ("70 %", "Tas fram av nämnd", "Max 10 personer").

Kept apart from the models so that the importer and the forms share one reading.
The original text is always kept beside what was understood of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    VALUE = "value", _("value")
    MAXIMUM = "maximum", _("at most")
    MINIMUM = "minimum", _("at least")
    BAND = "band", _("within a band")
    SET_BY_COUNCIL = "set_by_council", _("set by the committee")
    INCREASE = "increase", _("increase")
    DECREASE = "decrease", _("decrease")
    TO_BE_DECIDED = "to_be_decided", _("decided later")
    NONE = "none", _("no target")


# Kinds whose number is part of the target.
KINDS_WITH_VALUE = {TargetKind.VALUE, TargetKind.MAXIMUM, TargetKind.MINIMUM, TargetKind.BAND}

_NUMBER = r"[-−–]?\d[\d  ]*(?:[.,]\d+)?"
_VALUE = re.compile(rf"^(?P<number>{_NUMBER})\s*(?P<unit>.*)$")
_BAND = re.compile(rf"^\+\s*/\s*[-−–]\s*(?P<number>{_NUMBER})\s*(?P<unit>.*)$")
_BOUND = re.compile(
    rf"^(?P<word>max(?:imalt|imum)?|min(?:st|imum)?|högst|lägst)\.?\s+(?P<number>{_NUMBER})\s*(?P<unit>.*)$",
    re.IGNORECASE,
)
_SET_BY_COUNCIL = re.compile(
    r"^tas\s+fram\s+av\b|^(nämnd(en)?|styrelse(n)?)(\s*/\s*(nämnd(en)?|styrelse(n)?))*$",
    re.IGNORECASE,
)
_TO_BE_DECIDED = re.compile(r"^fastställs\b", re.IGNORECASE)
_INCREASE = re.compile(r"^(öka|ökning|ökar)$", re.IGNORECASE)
_DECREASE = re.compile(r"^(minska|minskning|minskar)$", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedTarget:
    kind: str
    value: Decimal | None
    unit: str
    original_text: str


def _number(text: str) -> Decimal | None:
    cleaned = re.sub(r"[\s ]", "", text).replace(",", ".").replace("−", "-").replace("–", "-")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_target(text: str) -> ParsedTarget:
    """Understand a printed target.

    What cannot be understood stays as text: kind "value" with no number.
    """
    original = " ".join(text.split())
    if not original:
        return ParsedTarget(TargetKind.NONE, None, "", "")
    if _SET_BY_COUNCIL.search(original):
        return ParsedTarget(TargetKind.SET_BY_COUNCIL, None, "", original)
    if _TO_BE_DECIDED.search(original):
        return ParsedTarget(TargetKind.TO_BE_DECIDED, None, "", original)
    if _INCREASE.match(original):
        return ParsedTarget(TargetKind.INCREASE, None, "", original)
    if _DECREASE.match(original):
        return ParsedTarget(TargetKind.DECREASE, None, "", original)
    if match := _BAND.match(original):
        return ParsedTarget(TargetKind.BAND, _number(match["number"]), match["unit"], original)
    if match := _BOUND.match(original):
        kind = (
            TargetKind.MAXIMUM
            if match["word"].lower().startswith(("max", "hög"))
            else TargetKind.MINIMUM
        )
        return ParsedTarget(kind, _number(match["number"]), match["unit"], original)
    if (match := _VALUE.match(original)) and (number := _number(match["number"])) is not None:
        return ParsedTarget(TargetKind.VALUE, number, match["unit"], original)
    return ParsedTarget(TargetKind.VALUE, None, "", original)
