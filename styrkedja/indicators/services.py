"""Writes to the indicator catalogue, goal indicators and targets shared by several callers."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from styrkedja.core.ordering import move_among
from styrkedja.core.search import fold
from styrkedja.goals.models import Goal
from styrkedja.history.writes import (
    create_validated,
    delete_recorded,
    update_changed_fields,
    update_edited,
)
from styrkedja.indicators.models import GoalIndicator, Indicator, Target
from styrkedja.indicators.targets import KINDS_WITH_VALUE, TargetKind, parse_target
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import Year

# How plans print periodicity, and what it means.
PRINTED_PERIODICITY = {
    "tertial": Indicator.Periodicity.TERTIAL,
    "år": Indicator.Periodicity.YEAR,
    "månad": Indicator.Periodicity.MONTH,
    "halvår": Indicator.Periodicity.HALF_YEAR,
}


def periodicity_from_text(text: str) -> str | None:
    return PRINTED_PERIODICITY.get(" ".join(text.split()).lower())


def get_or_create_indicator(
    *, name: str, periodicity: str, owner_kind: str, unit: str = ""
) -> tuple[Indicator, bool]:
    """The catalogue entry with this name and periodicity (the catalogue is city-wide).

    An indicator reported per tertial one year and per year another is two
    definitions: outcomes of the one cannot be compared with the other's.
    """
    existing = Indicator.objects.filter(name=name, periodicity=periodicity).order_by("pk").first()
    if existing is not None:
        return existing, False
    indicator: Indicator = create_validated(
        Indicator,
        name=name,
        search_name=fold(name),
        periodicity=periodicity,
        owner_kind=owner_kind,
        unit=unit,
    )
    return indicator, True


def replace_goal_indicators(goal: Goal, indicators: Sequence[Indicator]) -> bool:
    """Follow exactly these indicators under the goal, in this order."""
    existing = {link.indicator_id: link for link in goal.goal_indicators.all()}
    changed = False
    for position, indicator in enumerate(indicators):
        link = existing.pop(indicator.pk, None)
        if link is None:
            create_validated(GoalIndicator, goal=goal, indicator=indicator, position=position)
            changed = True
        else:
            changed |= update_changed_fields(link, position=position)
    delete_recorded(existing.values())
    return changed or bool(existing)


def add_goal_indicator(goal: Goal, indicator: Indicator) -> bool:
    if goal.goal_indicators.filter(indicator=indicator).exists():
        return False
    create_validated(
        GoalIndicator, goal=goal, indicator=indicator, position=goal.goal_indicators.count()
    )
    return True


def set_target(
    *, indicator: Indicator, org_unit: OrgUnit, year: Year, text: str, comment: str = ""
) -> bool:
    """Make the current target read `text`; True if anything was written.

    Until plans can be adopted (a later issue), a changed target is corrected
    in place rather than given a new version.
    """
    values = _target_values(text, comment)
    current = current_target(indicator=indicator, org_unit=org_unit, year=year)
    if current is None:
        create_validated(Target, indicator=indicator, org_unit=org_unit, year=year, **values)
        return True
    return update_changed_fields(current, **values)


def current_target(*, indicator: Indicator, org_unit: OrgUnit, year: Year) -> Target | None:
    """The newest version of the unit's target for the indicator and year, if any."""
    return (
        Target.objects.filter(indicator=indicator, org_unit=org_unit, year=year)
        .order_by("-version")
        .first()
    )


def _target_values(text: str, comment: str) -> dict[str, Any]:
    parsed = parse_target(text)
    return {
        "kind": parsed.kind,
        "value": parsed.value,
        "unit": parsed.unit,
        "original_text": parsed.original_text,
        "comment": comment,
    }


# Editing (issue #4) ------------------------------------------------------------------------
#
# The functions above serve the importer; those below serve the edit pages. Each runs in
# one transaction and validates what it writes.

# How plans print the kinds of target that carry no number. They are the plan's own text,
# not interface text, so they stay Swedish whatever the reader's language: parse_target
# reads them back.
_PRINTED_WITHOUT_VALUE: dict[str, str] = {
    TargetKind.SET_BY_COUNCIL: "Tas fram av nämnd",
    TargetKind.INCREASE: "öka",
    TargetKind.DECREASE: "minska",
    TargetKind.NONE: "",
}
_BOUND_WORD: dict[str, str] = {TargetKind.MAXIMUM: "Max", TargetKind.MINIMUM: "Minst"}


def printed_number(value: Decimal) -> str:
    """A number as Swedish plans print it: decimal comma, no trailing zeros ("4,9", "70")."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def compose_target_text(*, kind: str, value: Decimal | None, unit: str, year: int) -> str:
    """The target as the plan prints it ("70 %", "Max 10 personer", "Fastställs 2026")."""
    if kind == TargetKind.TO_BE_DECIDED:
        return f"Fastställs {year}"
    if kind in _PRINTED_WITHOUT_VALUE:
        return _PRINTED_WITHOUT_VALUE[kind]
    if value is None:
        raise ValueError(f"A target of kind {kind} needs a value.")
    number = printed_number(value)
    if kind == TargetKind.BAND:
        number = f"+/- {number}"
    elif kind in _BOUND_WORD:
        number = f"{_BOUND_WORD[kind]} {number}"
    return " ".join(part for part in (number, " ".join(unit.split())) if part)


def reads_back_as(text: str, *, kind: str, value: Decimal | None, unit: str) -> bool:
    """True if parse_target understands `text` as exactly this kind, value and unit."""
    parsed = parse_target(text)
    return (parsed.kind, parsed.value, parsed.unit) == (kind, value, " ".join(unit.split()))


def target_parts_as_stored(
    *, kind: str, value: Decimal | None, unit: str, comment: str
) -> dict[str, Any]:
    """The parts of a target as set_target_of_kind stores them: kinds without a number
    keep no value or unit, and the comment loses its outer spaces."""
    if kind not in KINDS_WITH_VALUE:
        value, unit = None, ""
    return {"kind": kind, "value": value, "unit": unit, "comment": comment.strip()}


@transaction.atomic
def set_target_of_kind(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    year: Year,
    kind: str,
    value: Decimal | None,
    unit: str,
    comment: str = "",
    base_revision: int | None = None,
) -> bool:
    """Set the unit's årsmål from its parts; the printed text is composed as plans print it.

    The text is read back as set_target reads it, so a target typed in a form and one
    imported from a plan are stored alike. Kinds without a number keep no unit.

    `base_revision` is the revision of the target the form showed, 0 if it showed none.
    Raises EditConflict, writing nothing, if the target has been saved since (or set
    meanwhile, for 0) and this edit would change it. None saves unchecked.
    """
    parts = target_parts_as_stored(kind=kind, value=value, unit=unit, comment=comment)
    value, unit, comment = parts["value"], parts["unit"], parts["comment"]
    text = compose_target_text(kind=kind, value=value, unit=unit, year=year.number)
    if not reads_back_as(text, kind=kind, value=value, unit=unit):
        raise ValidationError({"unit": _("The target cannot be written this way.")})
    if base_revision is None:
        return set_target(
            indicator=indicator, org_unit=org_unit, year=year, text=text, comment=comment
        )
    values = _target_values(text, comment)
    # Two people setting a first target at once: the second waits here, then finds the
    # first's target instead of failing on the unique version.
    list(Indicator.objects.select_for_update().filter(pk=indicator.pk).values_list("pk"))
    current = current_target(indicator=indicator, org_unit=org_unit, year=year)
    if current is None:
        # Nothing to lose: even a target the form showed is gone.
        create_validated(Target, indicator=indicator, org_unit=org_unit, year=year, **values)
        return True
    # A target set while this user wrote the first one (base 0) is refused like any
    # other target saved since: no stored revision is 0.
    return update_edited(current, base_revision=base_revision, **values)


def find_same_indicator(*, name: str, periodicity: str) -> Indicator | None:
    """The catalogue entry a new one would duplicate: same name (case and å/ä/ö folded)
    and same periodicity."""
    return (
        Indicator.objects.filter(search_name=fold(name), periodicity=periodicity)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def define_indicator_for_goal(
    *,
    goal: Goal,
    name: str,
    unit: str,
    periodicity: str,
    by_sex: bool,
    direction: str,
    source: str,
    aggregation: str,
) -> Indicator:
    """A new catalogue indicator, followed under `goal` and owned at the goal owner's level.

    Refuses a name the catalogue already has with the same periodicity: the catalogue
    is city-wide, and two entries of one indicator would split its outcomes.
    """
    name = " ".join(name.split())
    if find_same_indicator(name=name, periodicity=periodicity) is not None:
        raise ValidationError({"name": _("The catalogue already has this indicator.")})
    indicator: Indicator = create_validated(
        Indicator,
        name=name,
        search_name=fold(name),
        unit=unit.strip(),
        periodicity=periodicity,
        by_sex=by_sex,
        direction=direction,
        source=source.strip(),
        owner_kind=goal.owner.kind,
        aggregation=aggregation,
    )
    attach_indicator_to_goal(goal=goal, indicator=indicator)
    return indicator


@transaction.atomic
def attach_indicator_to_goal(*, goal: Goal, indicator: Indicator) -> GoalIndicator | None:
    """Follow the indicator under the goal, last; None if the goal already follows it."""
    if goal.goal_indicators.filter(indicator=indicator).exists():
        return None
    last = goal.goal_indicators.aggregate(last=Max("position"))["last"]
    link: GoalIndicator = create_validated(
        GoalIndicator,
        goal=goal,
        indicator=indicator,
        position=0 if last is None else last + 1,
    )
    return link


@transaction.atomic
def remove_goal_indicator(link: GoalIndicator) -> None:
    """Stop following the indicator under the goal, in every plan that shows the goal.

    The catalogue entry, its targets and outcomes stay: other goals and years may use them.
    """
    # Through the reverse relation, so that this app need not import plans (which sits above).
    delete_recorded(
        link.indicator.plan_inclusions.filter(plan_goal__goal_id=link.goal_id).select_related(
            "plan_goal"
        )
    )
    delete_recorded([link])


def move_goal_indicator(link: GoalIndicator, *, up: bool) -> bool:
    """Swap the indicator with its neighbour under the same goal."""
    return move_among(GoalIndicator.objects.filter(goal_id=link.goal_id), link, up=up)


def update_catalogue_entry(
    indicator: Indicator, *, base_revision: int | None = None, **values: Any
) -> bool:
    """Change a catalogue entry as edited from `base_revision`, keeping its folded search
    name in step with its name.

    Raises EditConflict, writing nothing, if someone saved the entry since.
    """
    with transaction.atomic():
        return update_edited(
            indicator, base_revision=base_revision, search_name=fold(values["name"]), **values
        )
