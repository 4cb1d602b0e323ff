"""Targets in use: versions by decision, the version in force for a period, and a target
left "Fastställs" that is set with T1."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from styrkedja.history.models import Change
from styrkedja.indicators import target_versions
from styrkedja.indicators.models import Target
from styrkedja.indicators.targets import TargetKind
from styrkedja.periods.models import PeriodKind
from styrkedja.testing import factories


@pytest.fixture
def indicator(db):
    return factories.create_indicator(name="Andel nöjda brukare", unit="%")


def period(city, kind):
    return city.year.periods.get(kind=kind)


def test_a_decided_version_holds_from_its_date_and_earlier_reports_keep_the_old_one(
    city, indicator
):
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    decided = target_versions.decide_new_version(
        indicator=indicator,
        org_unit=city.unit,
        year=city.year,
        kind=TargetKind.VALUE,
        value=Decimal("75"),
        unit="%",
        decided_by="Södra stadsdelsnämnden",
        decided_on=datetime.date(2026, 6, 10),
        case_number="SDN 2026/123",
    )
    assert (decided.version, decided.original_text, decided.valid_from) == (
        2,
        "75 %",
        datetime.date(2026, 6, 10),
    )
    assert decided.source.original_text == "70 %"
    used = {
        kind: target_versions.in_force(
            indicator=indicator, org_unit=city.unit, period=period(city, kind)
        ).original_text
        for kind in (PeriodKind.T1, PeriodKind.T2, PeriodKind.ANNUAL_REPORT)
    }
    assert used == {PeriodKind.T1: "70 %", PeriodKind.T2: "75 %", PeriodKind.ANNUAL_REPORT: "75 %"}
    # Both versions stay, and the history has the new one with its decision.
    assert [
        t.original_text
        for t in target_versions.versions(indicator=indicator, org_unit=city.unit, year=city.year)
    ] == ["70 %", "75 %"]
    created = Change.objects.get(object_type="indicators.target", object_id=decided.pk)
    assert created.fields["case_number"] == [None, "SDN 2026/123"]


def test_a_decision_needs_its_body_and_a_day_of_the_year(city, indicator):
    values = dict(
        indicator=indicator,
        org_unit=city.unit,
        year=city.year,
        kind=TargetKind.VALUE,
        value=Decimal("75"),
        unit="%",
        case_number="",
    )
    with pytest.raises(ValidationError):
        target_versions.decide_new_version(
            **values, decided_by=" ", decided_on=datetime.date(2026, 6, 10)
        )
    with pytest.raises(ValidationError):
        target_versions.decide_new_version(
            **values, decided_by="Nämnden", decided_on=datetime.date(2025, 12, 10)
        )
    assert not Target.objects.exists()


def test_a_target_left_to_be_decided_is_set_with_t1_and_holds_for_t1(city, indicator):
    factories.create_target(
        indicator=indicator, org_unit=city.unit, year=city.year, text="Fastställs 2026"
    )
    t1 = period(city, PeriodKind.T1)
    target = target_versions.set_with_first_report(
        indicator=indicator,
        org_unit=city.unit,
        period=t1,
        kind=TargetKind.MINIMUM,
        value=Decimal("60"),
        unit="%",
    )
    assert (target.version, target.original_text, target.valid_from) == (
        2,
        "Minst 60 %",
        t1.starts_on,
    )
    assert target_versions.in_force(indicator=indicator, org_unit=city.unit, period=t1) == target
    # Once set, it is no longer "Fastställs": a further change needs a decision.
    with pytest.raises(ValidationError):
        target_versions.set_with_first_report(
            indicator=indicator,
            org_unit=city.unit,
            period=t1,
            kind=TargetKind.VALUE,
            value=Decimal("65"),
            unit="%",
        )


def test_only_t1_sets_a_target_left_to_be_decided(city, indicator):
    factories.create_target(
        indicator=indicator, org_unit=city.unit, year=city.year, text="Fastställs 2026"
    )
    with pytest.raises(ValidationError):
        target_versions.set_with_first_report(
            indicator=indicator,
            org_unit=city.unit,
            period=period(city, PeriodKind.T2),
            kind=TargetKind.VALUE,
            value=Decimal("60"),
            unit="%",
        )
    with pytest.raises(ValidationError):
        target_versions.set_with_first_report(
            indicator=indicator,
            org_unit=city.unit,
            period=period(city, PeriodKind.T1),
            kind=TargetKind.TO_BE_DECIDED,
            value=None,
            unit="",
        )
