"""Indicator charts: well-formed accessible SVG, the target per kind, last year, Swedish numbers,
and a loader that costs the same few queries for many indicators."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from styrkedja.indicators.models import Indicator, Target
from styrkedja.indicators.targets import TargetKind
from styrkedja.periods.models import ReportPeriod
from styrkedja.reports.charts import (
    ChartData,
    ChartTarget,
    ReportedFigures,
    chart_periods,
    format_number,
    indicator_chart,
    indicator_charts,
)
from styrkedja.testing import factories

SVG = "{http://www.w3.org/2000/svg}"


def chart_of(target=None, outcomes=("4.9", None, None), previous=("4.5", "5", "5.25"), **extra):
    data = ChartData(
        chart_id="chart-1-2",
        indicator=extra.pop("indicator", "Andel nöjda brukare"),
        unit=extra.pop("unit", "%"),
        year=2026,
        periods=("T1", "T2", "VB"),
        outcomes=tuple(None if v is None else Decimal(v) for v in outcomes),
        previous=tuple(None if v is None else Decimal(v) for v in previous),
        target=target,
    )
    return data, ET.fromstring(indicator_chart(data))


def target(kind, value=None, text=""):
    return ChartTarget(kind=kind, value=None if value is None else Decimal(value), text=text)


def with_class(root, name):
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def texts(root):
    return [e.text for e in root.iter(f"{SVG}text")]


def test_the_chart_is_an_image_named_by_its_title_and_description():
    data, root = chart_of(target(TargetKind.VALUE, "70", "70 %"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 560 300"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and "Andel nöjda brukare" in title.text
    assert desc is not None and desc.text == data.description
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "4,9" in desc.text and "70 %" in desc.text


def test_an_indicator_name_with_markup_characters_stays_well_formed_text():
    _data, root = chart_of(indicator='Kostnad <per> brukare & "dygn"')
    assert 'Kostnad <per> brukare & "dygn"' in root.find(f"{SVG}title").text


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        (TargetKind.VALUE, "70", "70 %"),
        (TargetKind.MAXIMUM, "10", "Max 10 personer"),
        (TargetKind.MINIMUM, "60", "Minst 60 %"),
    ],
)
def test_a_target_with_a_number_is_a_dashed_line_named_in_the_legend(kind, value, text):
    data, root = chart_of(target(kind, value, text))
    [line] = with_class(root, "chart-target")
    assert line.tag == f"{SVG}line" and line.get("stroke-dasharray")
    assert line.get("y1") == line.get("y2")
    assert any(text in item for item in texts(root))
    assert text in data.target_note


def test_the_line_sits_at_the_target_value_on_the_axis():
    _data, root = chart_of(target(TargetKind.VALUE, "5", "5 %"), outcomes=("5", None, None))
    [line] = with_class(root, "chart-target")
    [bar] = with_class(root, "chart-current")
    assert float(line.get("y1")) == pytest.approx(float(bar.get("y")), abs=0.1)


def test_a_band_target_is_a_shaded_tolerance_area_around_zero():
    data, root = chart_of(target(TargetKind.BAND, "1", "+/- 1 %"), outcomes=("-0.4", None, None))
    [band] = with_class(root, "chart-target")
    area = band.find(f"{SVG}rect")
    edges = band.findall(f"{SVG}line")
    assert area is not None and len(edges) == 2
    assert float(area.get("height")) > 0
    # The negative outcome hangs below the zero line, inside the band.
    [bar] = with_class(root, "chart-current")
    zero_line = next(e for e in root.iter(f"{SVG}line") if e.get("stroke-width") == "1.5")
    assert float(bar.get("y")) == pytest.approx(float(zero_line.get("y1")), abs=0.1)
    assert "−0,4" in texts(root)
    with translation.override("sv"):
        assert "kring noll" in str(data.target_note)


@pytest.mark.parametrize(
    "chart_target",
    [
        target(TargetKind.INCREASE, text="öka"),
        target(TargetKind.DECREASE, text="minska"),
        target(TargetKind.SET_BY_COUNCIL, text="Tas fram av nämnd"),
        target(TargetKind.TO_BE_DECIDED, text="Fastställs 2026"),
        target(TargetKind.NONE),
        target(TargetKind.VALUE, text="Bättre än i fjol"),
        None,
    ],
)
def test_a_target_without_a_number_draws_no_line_and_the_text_says_why(chart_target):
    data, root = chart_of(chart_target)
    assert with_class(root, "chart-target") == []
    assert not any(e.get("stroke-dasharray") for e in root.iter())
    assert data.target_note in root.find(f"{SVG}desc").text


def test_each_kind_without_a_line_gives_its_own_reason():
    kinds = [
        target(TargetKind.INCREASE, text="öka"),
        target(TargetKind.DECREASE, text="minska"),
        target(TargetKind.SET_BY_COUNCIL, text="Tas fram av nämnd"),
        target(TargetKind.TO_BE_DECIDED, text="Fastställs 2026"),
        target(TargetKind.NONE),
        target(TargetKind.VALUE, text="Bättre än i fjol"),
    ]
    notes = [chart_of(kind)[0].target_note for kind in kinds]
    assert len(set(notes)) == len(notes)
    assert "Bättre än i fjol" in notes[-1]


def test_last_years_outcomes_are_a_second_hatched_series():
    _data, root = chart_of(outcomes=("4.9", "5.1", None), previous=("4.5", None, "5.25"))
    current, previous = with_class(root, "chart-current"), with_class(root, "chart-previous")
    assert len(current) == 2 and len(previous) == 2
    hatch = root.find(f"{SVG}defs/{SVG}pattern")
    assert all(bar.get("fill") == f"url(#{hatch.get('id')})" for bar in previous)
    assert all(bar.get("fill") != previous[0].get("fill") for bar in current)
    # The legend names both years.
    assert "2026" in texts(root) and "2025" in texts(root)


def test_a_missing_outcome_is_marked_and_has_no_bar():
    _data, root = chart_of(outcomes=(None, None, None), previous=(None, None, None))
    assert with_class(root, "chart-current") == []
    assert texts(root).count("–") == 6


def test_numbers_are_written_with_a_decimal_comma():
    data, root = chart_of(outcomes=("1234.5", "4.9", None), unit="kr")
    labels = texts(root)
    assert "1\u00a0234,5" in labels and "4,9" in labels
    assert not any("." in label for label in labels if label and label[0].isdigit())
    assert data.rows[0].outcome == "1\u00a0234,5\u00a0kr"
    assert data.rows[2].outcome == ""


def test_the_plot_moves_right_to_make_room_for_long_numbers_on_the_axis():
    _data, small = chart_of(outcomes=("4", None, None))
    _data, large = chart_of(outcomes=("1200000000", None, None), previous=(None, None, None))

    def axis_labels(root):
        return [e for e in root.iter(f"{SVG}text") if e.get("text-anchor") == "end"]

    assert {e.get("x") for e in axis_labels(small)} == {"56"}
    for label in axis_labels(large):
        # Each digit is at most ~7 units wide at this font size: the label fits on the left.
        assert float(label.get("x")) - 7 * len(label.text) >= 0
    [bar] = with_class(large, "chart-current")
    assert float(bar.get("x")) > float(axis_labels(large)[0].get("x"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("4.9000"), "4,9"),
        (Decimal("70.0000"), "70"),
        (Decimal("1234.5"), "1\u00a0234,5"),
        (Decimal("1000000"), "1\u00a0000\u00a0000"),
        (Decimal("-0.5"), "−0,5"),
        (Decimal("-0.0"), "0"),
        (0.30000000000000004, "0,30000000000000004"),
        (7, "7"),
    ],
)
def test_format_number_writes_swedish_numbers(value, text):
    assert format_number(value) == text


def test_format_number_rounds_to_the_places_asked():
    assert format_number(0.30000000000000004, 2) == "0,3"
    assert format_number(Decimal("2.345"), 2) == "2,35"


def test_ids_inside_the_chart_are_built_from_the_chart_id():
    _data, root = chart_of()
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith("chart-1-2-") for i in ids)


def test_a_chart_needs_a_value_per_period():
    with pytest.raises(ValueError):
        ChartData("c", "I", "%", 2026, ("T1",), (None, None), (None,))


def test_a_yearly_indicator_shows_only_the_annual_report_unless_it_has_more():
    yearly = Indicator(periodicity=Indicator.Periodicity.YEAR)
    tertial = Indicator(periodicity=Indicator.Periodicity.TERTIAL)
    nothing = [("T1", False), ("T2", False), ("VB", False)]
    assert chart_periods(yearly, nothing) == ("VB",)
    assert chart_periods(yearly, [("T1", True), ("T2", False)]) == ("T1", "VB")
    assert chart_periods(tertial, nothing) == ("T1", "T2", "VB")


# Loading from the database ---------------------------------------------------------------


@pytest.fixture
def periods(city):
    last_year = factories.get_or_create_year(number=city.year.number - 1)
    now = {p.kind: p for p in ReportPeriod.objects.filter(year=city.year)}
    before = {p.kind: p for p in ReportPeriod.objects.filter(year=last_year)}
    return now, before


def indicators_with_outcomes(city, periods, count):
    now, before = periods
    indicators = []
    for n in range(count):
        indicator = factories.create_indicator(
            name=f"Indikator {n}", periodicity=Indicator.Periodicity.TERTIAL
        )
        factories.create_outcome(
            indicator=indicator, org_unit=city.unit, period=now["T1"], value=n + 0.5
        )
        factories.create_outcome(
            indicator=indicator, org_unit=city.unit, period=now["T2"], value=99
        )
        for kind in ("T1", "T2", "VB"):
            factories.create_outcome(
                indicator=indicator, org_unit=city.unit, period=before[kind], value=n
            )
        factories.create_target(
            indicator=indicator, org_unit=city.council, year=city.year, text=f"{n + 10} %"
        )
        indicators.append(indicator)
    return indicators


@pytest.mark.parametrize("count", [1, 6])
def test_the_loader_builds_many_charts_in_three_queries(
    city, periods, count, django_assert_num_queries
):
    now, _before = periods
    indicators = indicators_with_outcomes(city, periods, count)
    pairs = [(f"chart-{i.pk}", i) for i in indicators]
    with django_assert_num_queries(3):
        charts = indicator_charts(city.unit, now["T1"], pairs)
    assert len(charts) == count
    first = charts[f"chart-{indicators[0].pk}"]
    assert first.periods == ("T1", "T2", "VB")
    # In T1 the later periods of this year are not shown yet, though T2 has a value.
    assert first.outcomes == (Decimal("0.5"), None, None)
    assert first.previous == (Decimal(0), Decimal(0), Decimal(0))
    assert first.target == ChartTarget(
        kind=TargetKind.VALUE, value=Decimal(10), text="10 %", owner=city.council.name
    )


def test_the_units_own_target_wins_over_the_one_above(city, periods):
    now, _before = periods
    [indicator] = indicators_with_outcomes(city, periods, 1)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="80 %")
    figures = ReportedFigures(city.unit, now["T2"], [indicator.pk])
    chart = figures.chart("c", indicator)
    assert chart.target == ChartTarget(kind=TargetKind.VALUE, value=Decimal(80), text="80 %")
    assert chart.outcomes == (Decimal("0.5"), Decimal(99), None)


def test_a_report_uses_the_target_version_in_force_at_the_end_of_its_period(city, periods):
    now, _before = periods
    [indicator] = indicators_with_outcomes(city, periods, 1)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="80 %")
    later = factories.create_target(
        indicator=indicator, org_unit=city.unit, year=city.year, text="85 %", version=2
    )
    Target.objects.filter(pk=later.pk).update(valid_from=datetime.date(2026, 6, 1))
    assert ReportedFigures(city.unit, now["T1"], [indicator.pk]).target(indicator.pk).value == 80
    assert ReportedFigures(city.unit, now["T2"], [indicator.pk]).target(indicator.pk).value == 85
