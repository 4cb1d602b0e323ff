"""Targets in use through the year: versions made by decision, and the version in force.

While a plan is a draft its targets are corrected in place (services.set_target_of_kind).
Once the plan is adopted a target only changes by a new version that carries the decision
that made it (body, date, diarienummer) and the date it holds from; older versions stay, so a
report uses the version in force for its period. A target the plan left "Fastställs" is set
with T1: a new version in force from the start of T1.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styrkedja.history.writes import create_validated
from styrkedja.indicators import services
from styrkedja.indicators.models import Indicator, Target
from styrkedja.indicators.targets import KINDS_WITH_VALUE, TargetKind
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, ReportPeriod, Year

# Who set a "Fastställs" target, as the plan documents say it. The plan's own text, not
# interface text, so it stays Swedish whatever the reader's language.
SET_WITH_T1 = "Tertialrapport 1"


def versions(*, indicator: Indicator, org_unit: OrgUnit, year: Year) -> list[Target]:
    """Every version of the unit's target, oldest first."""
    return list(
        Target.objects.filter(indicator=indicator, org_unit=org_unit, year=year).order_by("version")
    )


def in_force(*, indicator: Indicator, org_unit: OrgUnit, period: ReportPeriod) -> Target | None:
    """The unit's version of the target that a report of `period` uses."""
    return (
        Target.objects.filter(indicator=indicator, org_unit=org_unit, year_id=period.year_id)
        .valid_on(period.ends_on)
        .first()
    )


def _new_version(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    year: Year,
    kind: str,
    value: Decimal | None,
    unit: str,
    comment: str,
    decided_by: str,
    decided_on: datetime.date | None,
    case_number: str,
    valid_from: datetime.date,
) -> Target:
    with transaction.atomic():
        current = (
            Target.objects.select_for_update()
            .filter(indicator=indicator, org_unit=org_unit, year=year)
            .order_by("-version")
            .first()
        )
        if kind not in KINDS_WITH_VALUE:
            value, unit = None, ""
        text = services.compose_target_text(kind=kind, value=value, unit=unit, year=year.number)
        if not services.reads_back_as(text, kind=kind, value=value, unit=unit):
            raise ValidationError({"unit": _("The target cannot be written this way.")})
        parsed = services.parse_target(text)
        target: Target = create_validated(
            Target,
            indicator=indicator,
            org_unit=org_unit,
            year=year,
            version=1 if current is None else current.version + 1,
            kind=parsed.kind,
            value=parsed.value,
            unit=parsed.unit,
            original_text=parsed.original_text,
            comment=comment.strip(),
            source=current,
            decided_by=decided_by.strip(),
            decided_on=decided_on,
            case_number=case_number.strip(),
            valid_from=valid_from,
        )
    return target


def decide_new_version(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    year: Year,
    kind: str,
    value: Decimal | None,
    unit: str,
    comment: str = "",
    decided_by: str,
    decided_on: datetime.date,
    case_number: str,
    valid_from: datetime.date | None = None,
) -> Target:
    """A new version of an adopted plan's target, by the decision named; in force from the
    decision date unless `valid_from` says otherwise."""
    if not decided_by.strip():
        raise ValidationError({"decided_by": _("Say who decided the change.")})
    start = valid_from or decided_on
    if start.year != year.number:
        raise ValidationError({"valid_from": _("The version must hold from a day of the year.")})
    return _new_version(
        indicator=indicator,
        org_unit=org_unit,
        year=year,
        kind=kind,
        value=value,
        unit=unit,
        comment=comment,
        decided_by=decided_by,
        decided_on=decided_on,
        case_number=case_number,
        valid_from=start,
    )


def set_with_first_report(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    period: ReportPeriod,
    kind: str,
    value: Decimal | None,
    unit: str,
    comment: str = "",
) -> Target:
    """Set a target the plan left "Fastställs": a new version in force from the start of T1.

    Only with T1, and only while the version in force is still "Fastställs".
    """
    if period.kind != PeriodKind.T1:
        raise ValidationError(_("A target left to be decided is set with the first report (T1)."))
    current = in_force(indicator=indicator, org_unit=org_unit, period=period)
    if current is None or current.kind != TargetKind.TO_BE_DECIDED:
        raise ValidationError(_("Only a target marked “Fastställs” can be set with T1."))
    if kind == TargetKind.TO_BE_DECIDED:
        raise ValidationError({"kind": _("Choose the target now in force.")})
    return _new_version(
        indicator=indicator,
        org_unit=org_unit,
        year=period.year,
        kind=kind,
        value=value,
        unit=unit,
        comment=comment,
        decided_by=SET_WITH_T1,
        decided_on=None,
        case_number="",
        valid_from=period.starts_on,
    )


def targets_in_force(
    *,
    unit: OrgUnit,
    period: ReportPeriod,
    indicator_ids: Iterable[int],
    municipality: bool = True,
) -> dict[int, Target]:
    """Per indicator, the target a report of `unit` for `period` uses, in one query.

    The version in force at the end of the period, of the unit itself or else of the
    nearest unit above it that has one: a unit follows its nämnd's target where it sets
    none (as the plans print it). Without `municipality`, KF:s target (on the kommun node)
    is left out, for pages that show it in a column of its own.
    """
    chain = [unit.pk, *reversed(unit.ancestor_ids)]
    ids = list(indicator_ids)
    found = (
        Target.objects.valid_on(period.ends_on)
        .filter(year_id=period.year_id, indicator_id__in=ids, org_unit_id__in=chain)
        .select_related("org_unit")
    )
    by_key = {
        (target.indicator_id, target.org_unit_id): target
        for target in found
        if municipality or target.org_unit.kind != OrgUnit.Kind.MUNICIPALITY
    }
    targets = {}
    for indicator_id in ids:
        for org_unit_id in chain:
            target = by_key.get((indicator_id, org_unit_id))
            if target is not None:
                targets[indicator_id] = target
                break
    return targets


def municipality_targets_in_force(
    *, period: ReportPeriod, indicator_ids: Iterable[int]
) -> dict[int, Target]:
    """KF:s targets (set on the kommun node) in force at the end of the period, per indicator."""
    found = Target.objects.valid_on(period.ends_on).filter(
        year_id=period.year_id,
        indicator_id__in=list(indicator_ids),
        org_unit__kind=OrgUnit.Kind.MUNICIPALITY,
    )
    return {target.indicator_id: target for target in found}
