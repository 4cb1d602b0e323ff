from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from styrkedja.indicators.models import Outcome, Target
from styrkedja.indicators.targets import TargetKind, parse_target
from styrkedja.testing import factories


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("70 %", TargetKind.VALUE, Decimal("70"), "%"),
        ("800 st", TargetKind.VALUE, Decimal("800"), "st"),
        ("4,9", TargetKind.VALUE, Decimal("4.9"), ""),
        ("1 200 kr", TargetKind.VALUE, Decimal("1200"), "kr"),
        (
            "1,9 kg CO2 per kg livsmedel",
            TargetKind.VALUE,
            Decimal("1.9"),
            "kg CO2 per kg livsmedel",
        ),
        (
            "2 % energieffektivisering relativt 2018",
            TargetKind.VALUE,
            Decimal("2"),
            "% energieffektivisering relativt 2018",
        ),
        ("+/- 1 %", TargetKind.BAND, Decimal("1"), "%"),
        ("Max 10 personer", TargetKind.MAXIMUM, Decimal("10"), "personer"),
        ("Minst 5 st", TargetKind.MINIMUM, Decimal("5"), "st"),
        ("Tas fram av nämnd", TargetKind.SET_BY_COUNCIL, None, ""),
        ("Tas fram av nämnden", TargetKind.SET_BY_COUNCIL, None, ""),
        ("nämnd/styrelse", TargetKind.SET_BY_COUNCIL, None, ""),
        ("öka", TargetKind.INCREASE, None, ""),
        ("Minska", TargetKind.DECREASE, None, ""),
        ("Fastställs 2024", TargetKind.TO_BE_DECIDED, None, ""),
        ("", TargetKind.NONE, None, ""),
    ],
)
def test_printed_targets_are_understood(text, kind, value, unit):
    parsed = parse_target(text)
    assert (parsed.kind, parsed.value, parsed.unit) == (kind, value, unit)
    assert parsed.original_text == text


def test_text_that_is_no_target_form_is_kept_as_it_is():
    parsed = parse_target("Enligt  plan\nför året")
    assert parsed.kind == TargetKind.VALUE
    assert parsed.value is None
    assert parsed.original_text == "Enligt plan för året"


@pytest.fixture
def indicator(db):
    return factories.create_indicator(name="Andel nöjda brukare", by_sex=False)


def test_a_target_keeps_its_original_text(city, indicator):
    target = factories.create_target(
        indicator=indicator,
        org_unit=city.unit,
        year=city.year,
        text="Fastställs 2026",
        comment="Sätts i tertialrapport 1",
    )
    target.refresh_from_db()
    assert target.original_text == "Fastställs 2026"
    assert target.kind == TargetKind.TO_BE_DECIDED
    assert target.comment == "Sätts i tertialrapport 1"


def test_a_target_without_its_original_text_is_refused(city, indicator):
    target = Target(
        indicator=indicator, org_unit=city.unit, year=city.year, kind=TargetKind.VALUE, value=70
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "original_text" in error.value.message_dict


def test_newer_versions_carry_their_decision_and_replace_the_current_target(city, indicator):
    first = factories.create_target(
        indicator=indicator, org_unit=city.municipality, year=city.year, text="70 %"
    )
    second = factories.create_target(
        indicator=indicator,
        org_unit=city.municipality,
        year=city.year,
        text="75 %",
        version=2,
        decided_by="Kommunfullmäktige",
        decided_on=city.year.periods.get(kind="T1").ends_on,
        case_number="KS 2026/123",
    )
    current = Target.objects.current().filter(indicator=indicator)
    assert list(current) == [second]
    assert set(Target.objects.filter(indicator=indicator)) == {first, second}


def test_outcomes_by_sex_only_for_indicators_reported_by_sex(city):
    by_sex = factories.create_indicator(by_sex=True)
    not_by_sex = factories.create_indicator(by_sex=False)
    period = city.year.periods.get(kind="T1")
    for sex, value in (("total", 50), ("women", 55), ("men", 45)):
        factories.create_outcome(
            indicator=by_sex, org_unit=city.unit, period=period, value=value, sex=sex
        )
    assert by_sex.outcomes.get(sex=Outcome.Sex.WOMEN).value == Decimal("55")
    with pytest.raises(ValidationError) as error:
        factories.create_outcome(
            indicator=not_by_sex, org_unit=city.unit, period=period, value=3, sex="men"
        )
    assert "sex" in error.value.message_dict
