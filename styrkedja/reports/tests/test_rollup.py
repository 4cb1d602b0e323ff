"""Roll-up on a nämnd's report (and the city's): the units' goals with their assessments under
each nämndmål, the units' outcomes side by side with an aggregate by the indicator's rule, and
a fixed number of queries however many units, goals and indicators there are."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from styrkedja.goals import levels
from styrkedja.history.writes import create_validated
from styrkedja.indicators.models import Indicator
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import ReportPeriod
from styrkedja.reports.models import GoalAssessment
from styrkedja.reports.rollup import aggregate, rule_text
from styrkedja.testing import factories

Aggregation = Indicator.Aggregation


def swedish(msgid, **values):
    """The text the page shows for a msgid (escaped as in HTML), translated yet or not."""
    with translation.override("sv"):
        text = gettext(msgid)
    return escape(text % values if values else text)


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def get_report(client, user, unit, kind="t1"):
    client.force_login(user)
    return client.get(reverse("reports:report", args=[unit.pk, 2026, kind]))


def table_of(response, key):
    content = response.content.decode()
    match = re.search(rf'<table[^>]*id="{key}".*?</table>', content, re.DOTALL)
    assert match, f"no table {key}"
    return re.sub(r"\s+", " ", match.group(0))


def d(values):
    return [None if v is None else Decimal(str(v)) for v in values]


# The rules -------------------------------------------------------------------------------


def test_sum_adds_the_units_that_have_reported():
    assert aggregate(Aggregation.SUM, d([100, 50, None])) == 150


def test_mean_averages_the_units_that_have_reported_to_two_decimals():
    assert aggregate(Aggregation.MEAN, d([70, 75, None])) == Decimal("72.5")
    assert aggregate(Aggregation.MEAN, d([1, 1, 2])) == Decimal("1.33")


def test_weighted_mean_weighs_each_unit():
    assert aggregate(Aggregation.WEIGHTED_MEAN, d([80, 60]), d([3, 1])) == 75
    assert aggregate(Aggregation.WEIGHTED_MEAN, d([80, None]), d([3, None])) == 80


def test_weighted_mean_needs_a_weight_for_every_unit_that_reported():
    assert aggregate(Aggregation.WEIGHTED_MEAN, d([80, 60])) is None
    assert aggregate(Aggregation.WEIGHTED_MEAN, d([80, 60]), d([3, None])) is None
    assert aggregate(Aggregation.WEIGHTED_MEAN, d([80, 60]), d([0, 0])) is None


def test_not_aggregated_and_nothing_reported_give_no_value():
    assert aggregate(Aggregation.NONE, d([1, 2])) is None
    for rule in Aggregation.values:
        assert aggregate(rule, d([None, None])) is None


def test_an_unknown_rule_is_an_error():
    with pytest.raises(ValueError):
        aggregate("median", d([1]))


def test_every_rule_has_its_own_words():
    texts = [rule_text(rule) for rule in Aggregation.values]
    assert len(set(texts)) == len(texts)


# The nämnd's report ----------------------------------------------------------------------


@pytest.fixture
def periods(city):
    return {p.kind: p for p in ReportPeriod.objects.filter(year=city.year)}


@pytest.fixture
def council_reader(city, user_with_role):
    return user_with_role("reader", city.council)


@pytest.fixture
def area_goal(city):
    direction = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=city.year, number="1"
    )
    return factories.create_goal(
        level=levels.AREA,
        owner=city.municipality,
        year=city.year,
        parent=direction,
        number="1.1",
        title="Stockholm är en trygg stad",
    )


def council_goal_of(council, area_goal, number, title):
    return factories.create_goal(
        level=levels.COUNCIL,
        owner=council,
        year=area_goal.year,
        parent=area_goal,
        number=number,
        title=title,
    )


def assess(goal, period, assessment, analysis):
    create_validated(
        GoalAssessment, goal=goal, period=period, assessment=assessment, analysis=analysis
    )


def unit_goals_with(indicator, council_goal, units, values, period):
    goals = []
    for unit, value in zip(units, values, strict=True):
        goal = factories.create_goal(
            level=levels.UNIT,
            owner=unit,
            year=council_goal.year,
            parent=council_goal,
            title=f"Enhetsmål för {unit.name}",
        )
        factories.attach_indicator(goal=goal, indicator=indicator)
        if value is not None:
            factories.create_outcome(indicator=indicator, org_unit=unit, period=period, value=value)
        goals.append(goal)
    return goals


def test_the_council_report_shows_its_units_goals_with_assessments_under_each_nämndmål(
    client, city, council_reader, periods, area_goal
):
    first = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    second = council_goal_of(city.council, area_goal, "1.1.2", "Trygga äldre")
    indicator = factories.create_indicator(name="Antal placeringar")
    family, adults = unit_goals_with(
        indicator, first, [city.unit, city.sibling], [None, None], periods["T1"]
    )
    assess(family, periods["T1"], GoalAssessment.Assessment.MET, "Familjerna är nöjda.")
    assess(first, periods["T1"], GoalAssessment.Assessment.PARTLY_MET, "Nämndens analys.")
    elsewhere = factories.create_goal(
        level=levels.UNIT, owner=city.sub_unit, year=city.year, parent=second, title="Äldremål"
    )

    page = text_of(get_report(client, council_reader, city.council))
    at_first, at_second = page.find("Nämndmål: 1.1.1 Trygga barn"), page.find("1.1.2 Trygga äldre")
    assert 0 < at_first < at_second
    under_first = page[at_first:at_second]
    assert "Nämndens analys." in under_first and "Delvis uppfyllt" in under_first
    assert f"Enhetsmål: {family.title}" in under_first
    assert "Familjerna är nöjda." in under_first and "Uppfyllt" in under_first
    assert f"Enhetsmål: {adults.title}" in under_first
    assert swedish("Goal of %(name)s", name=city.sibling.name) in under_first
    assert swedish("Not assessed yet") in under_first
    assert f"Enhetsmål: {elsewhere.title}" in page[at_second:]
    assert "Äldremål" not in under_first


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (Aggregation.SUM, "150 st"),
        (Aggregation.MEAN, "75 st"),
    ],
)
def test_the_units_outcomes_stand_side_by_side_with_the_aggregate_by_the_rule(
    client, city, council_reader, periods, area_goal, rule, expected
):
    nämndmål = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    indicator = factories.create_indicator(name="Antal placeringar", unit="st", aggregation=rule)
    unit_goals_with(indicator, nämndmål, [city.sibling, city.unit], [50, 100], periods["T1"])

    response = get_report(client, council_reader, city.council)
    table = table_of(response, f"rollup-{nämndmål.pk}-{indicator.pk}")
    assert "Antal placeringar" in table
    assert table.find(city.unit.name) < table.find(city.sibling.name)  # Swedish order
    assert "100 st" in table and "50 st" in table
    aggregate_row = table[table.find("<tfoot") :]
    assert rule_text_in_swedish(rule) in aggregate_row
    assert expected in aggregate_row


def rule_text_in_swedish(rule):
    with translation.override("sv"):
        return escape(rule_text(rule))


def test_an_indicator_that_is_not_aggregated_shows_the_rule_and_no_value(
    client, city, council_reader, periods, area_goal
):
    nämndmål = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    indicator = factories.create_indicator(name="Nöjdhet", aggregation=Aggregation.NONE)
    unit_goals_with(indicator, nämndmål, [city.unit, city.sibling], [70, 80], periods["T1"])
    table = table_of(
        get_report(client, council_reader, city.council), f"rollup-{nämndmål.pk}-{indicator.pk}"
    )
    footer = table[table.find("<tfoot") :]
    assert rule_text_in_swedish(Aggregation.NONE) in footer
    assert "150" not in footer and "75" not in footer


def test_a_weighted_mean_without_weights_says_why_it_has_no_value(
    client, city, council_reader, periods, area_goal
):
    nämndmål = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    indicator = factories.create_indicator(name="Nöjdhet", aggregation=Aggregation.WEIGHTED_MEAN)
    unit_goals_with(indicator, nämndmål, [city.unit, city.sibling], [70, 80], periods["T1"])
    table = table_of(
        get_report(client, council_reader, city.council), f"rollup-{nämndmål.pk}-{indicator.pk}"
    )
    why = "The units' weights are not recorded, so no weighted mean is computed."
    assert swedish(why) in table


def test_units_that_have_not_reported_are_listed_and_counted(
    client, city, council_reader, periods, area_goal
):
    nämndmål = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    indicator = factories.create_indicator(name="Antal", unit="st", aggregation=Aggregation.SUM)
    unit_goals_with(indicator, nämndmål, [city.unit, city.sibling], [12, None], periods["T1"])
    table = table_of(
        get_report(client, council_reader, city.council), f"rollup-{nämndmål.pk}-{indicator.pk}"
    )
    assert city.sibling.name in table and swedish("No outcome yet") in table
    footer = table[table.find("<tfoot") :]
    assert "12 st" in footer
    note = "From %(reported)s of %(total)s units; the others have not reported yet."
    assert swedish(note, reported="1", total="2") in footer


def test_a_nämndmål_indicator_that_unit_plans_include_rolls_up_from_those_units(
    client, city, council_reader, periods, area_goal
):
    nämndmål = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    indicator = factories.create_indicator(
        name="Andel orosanmälningar", goal=nämndmål, aggregation=Aggregation.MEAN
    )
    factories.create_outcome(
        indicator=indicator, org_unit=city.council, period=periods["T1"], value=90
    )
    for unit, value in ((city.unit, 40), (city.sibling, 60)):
        plan = factories.create_plan(org_unit=unit, year=city.year)
        factories.include_goal(plan=plan, goal=nämndmål, indicators=[indicator])
        factories.create_outcome(
            indicator=indicator, org_unit=unit, period=periods["T1"], value=value
        )
    other_plan = factories.create_plan(org_unit=city.other_unit, year=city.year, kind="T1")
    assert other_plan  # a report, not a plan: it includes nothing

    response = get_report(client, council_reader, city.council)
    table = table_of(response, f"rollup-{nämndmål.pk}-{indicator.pk}")
    assert city.unit.name in table and city.sibling.name in table
    assert city.council.name not in table
    assert "50 %" in table[table.find("<tfoot") :]
    # The nämnd's own outcome stands with the nämndmål's indicator above the roll-up.
    assert "90 %" in text_of(response)


def test_the_city_report_rolls_up_kf_indicators_from_the_nämnder(
    client, city, user_with_role, periods, area_goal
):
    kf_indicator = factories.create_indicator(
        name="Andel trygga invånare",
        owner_kind=OrgUnit.Kind.MUNICIPALITY,
        aggregation=Aggregation.MEAN,
        goal=area_goal,
    )
    for council, value in ((city.council, 70), (city.other_council, 80)):
        nämndmål = council_goal_of(council, area_goal, "1.1.1", f"Tryggt i {council.name}")
        factories.attach_indicator(goal=nämndmål, indicator=kf_indicator)
        factories.create_outcome(
            indicator=kf_indicator, org_unit=council, period=periods["T1"], value=value
        )
    city_reader = user_with_role("reader", city.municipality)

    response = get_report(client, city_reader, city.municipality)
    page = text_of(response)
    assert f"Nämndmål: 1.1.1 Tryggt i {city.council.name}" in page
    assert f"Nämndmål: 1.1.1 Tryggt i {city.other_council.name}" in page
    table = table_of(response, f"rollup-{area_goal.pk}-{kf_indicator.pk}")
    assert city.council.name in table and city.other_council.name in table
    assert "75 %" in table[table.find("<tfoot") :]


def test_a_unit_report_has_no_roll_up(client, city, user_with_role, periods, area_goal):
    nämndmål = council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    indicator = factories.create_indicator(name="Antal", aggregation=Aggregation.SUM)
    unit_goals_with(indicator, nämndmål, [city.unit], [5], periods["T1"])
    factories.create_goal(level=levels.UNIT, owner=city.sub_unit, year=city.year, parent=nämndmål)
    response = get_report(client, user_with_role("reader", city.unit), city.unit)
    assert 'id="rollup-' not in response.content.decode()
    assert swedish("Goals that contribute to it") not in text_of(response)


def test_only_readers_of_the_nämnd_read_its_report(
    client, city, council_reader, user_with_role, periods, area_goal
):
    council_goal_of(city.council, area_goal, "1.1.1", "Trygga barn")
    assert get_report(client, council_reader, city.council).status_code == 200
    other = user_with_role("administrator", city.other_council)
    assert get_report(client, other, city.council).status_code == 403
    unit_reader = user_with_role("editor", city.unit)
    assert get_report(client, unit_reader, city.council).status_code == 403


def build_council_world(city, area_goal, periods, size, start=0):
    """`size` nämndmål, each with `size` units' goals, and `size` indicators per goal reported
    by every one of `size` units (of which `size` are new)."""
    units = [
        factories.create_org_unit(name=f"Enhet {start + n}", parent=city.department)
        for n in range(size)
    ]
    for g in range(start, start + size):
        nämndmål = council_goal_of(city.council, area_goal, f"1.1.{g}", f"Nämndmål {g}")
        assess(nämndmål, periods["T1"], GoalAssessment.Assessment.MET, f"Analys {g}")
        own = factories.create_indicator(name=f"Nämndindikator {g}", goal=nämndmål)
        factories.create_outcome(
            indicator=own, org_unit=city.council, period=periods["T1"], value=g
        )
        for i in range(size):
            indicator = factories.create_indicator(
                name=f"Indikator {g}.{i}", aggregation=Aggregation.SUM
            )
            goals = unit_goals_with(
                indicator, nämndmål, units, [10 * n for n in range(size)], periods["T1"]
            )
            for goal in goals[::2]:
                assess(goal, periods["T1"], GoalAssessment.Assessment.NOT_MET, "Enhetens analys")
        for unit in units:
            plan = factories.create_plan(org_unit=unit, year=city.year) if g == start else None
            plan = plan or unit.plans.get(kind="VP")
            factories.include_goal(plan=plan, goal=nämndmål, indicators=[own])


@pytest.mark.parametrize("which", ["council", "municipality"])
def test_the_rolling_up_reports_run_the_same_number_of_queries_at_two_sizes(
    client, city, user_with_role, periods, area_goal, which
):
    user = user_with_role("reader", city.municipality)
    unit = getattr(city, which)
    build_council_world(city, area_goal, periods, 1)
    get_report(client, user, unit)  # warm up the session
    with CaptureQueriesContext(connection) as small:
        assert get_report(client, user, unit).status_code == 200

    build_council_world(city, area_goal, periods, 3, start=1)
    with CaptureQueriesContext(connection) as large:
        response = get_report(client, user, unit)
    assert response.status_code == 200
    if which == "council":
        assert response.content.decode().count('id="rollup-') == 2 + 3 * 4
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
