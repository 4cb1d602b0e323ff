"""The report page's content: each own goal with its assessment, activities with status and
indicators with outcome, target and chart; what the unit reports of goals above; access; and
a fixed number of queries however much the report holds."""

import re
import xml.etree.ElementTree as ET
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
from styrkedja.periods.models import ReportPeriod
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.testing import factories


def swedish(msgid):
    """The text the page shows for a msgid (escaped as in HTML), translated yet or not."""
    with translation.override("sv"):
        return escape(gettext(msgid))


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def report_url(unit, kind="t1", year=2026):
    return reverse("reports:report", args=[unit.pk, year, kind])


def get_report(client, user, unit, kind="t1"):
    client.force_login(user)
    return client.get(report_url(unit, kind))


@pytest.fixture
def reader(city, user_with_role):
    return user_with_role("reader", city.unit)


@pytest.fixture
def periods(city):
    last_year = factories.get_or_create_year(number=city.year.number - 1)
    return (
        {p.kind: p for p in ReportPeriod.objects.filter(year=city.year)},
        {p.kind: p for p in ReportPeriod.objects.filter(year=last_year)},
    )


@pytest.fixture
def council_goal(city):
    above = None
    for level, owner in ((levels.DIRECTION, city.municipality), (levels.AREA, city.municipality)):
        above = factories.create_goal(level=level, owner=owner, year=city.year, parent=above)
    return factories.create_goal(
        level=levels.COUNCIL,
        owner=city.council,
        year=city.year,
        parent=above,
        number="1.1.1",
        title="Barn och unga har goda uppväxtvillkor",
    )


def build_unit_report(city, periods, council_goal, size, start=0):
    """`size` enhetsmål of the unit, each with `size` indicators (outcomes this year and last,
    a target) and `size` activities with a status; every other goal assessed."""
    now, before = periods
    for n in range(start, start + size):
        goal = factories.create_goal(
            level=levels.UNIT,
            owner=city.unit,
            year=city.year,
            parent=council_goal,
            title=f"Enhetsmål {n}",
            position=n,
        )
        for i in range(size):
            indicator = factories.create_indicator(
                name=f"Indikator {n}.{i}",
                periodicity=Indicator.Periodicity.TERTIAL,
                by_sex=i == 0,
                goal=goal,
            )
            factories.create_target(
                indicator=indicator, org_unit=city.unit, year=city.year, text=f"{70 + i} %"
            )
            factories.create_outcome(
                indicator=indicator,
                org_unit=city.unit,
                period=now["T1"],
                value=Decimal("64.5") + i,
                comment=f"Kommentar till utfall {n}.{i}",
            )
            factories.create_outcome(
                indicator=indicator, org_unit=city.unit, period=before["T1"], value=60
            )
            activity = factories.create_activity(goal=goal, text=f"Aktivitet {n}.{i}")
            create_validated(
                ActivityStatus,
                activity=activity,
                org_unit=city.unit,
                period=now["T1"],
                status=ActivityStatus.Status.ONGOING,
                comment=f"Statuskommentar {n}.{i}",
            )
        if n % 2 == 0:
            create_validated(
                GoalAssessment,
                goal=goal,
                period=now["T1"],
                assessment=GoalAssessment.Assessment.PARTLY_MET,
                analysis=f"Analys av enhetsmål {n}.",
                proposed=GoalAssessment.Assessment.MET,
            )


def test_the_unit_report_shows_each_goal_with_its_assessment_activities_and_indicators(
    client, city, reader, periods, council_goal
):
    build_unit_report(city, periods, council_goal, 2)
    page = text_of(get_report(client, reader, city.unit))

    first, second = page.find("Enhetsmål: Enhetsmål 0"), page.find("Enhetsmål: Enhetsmål 1")
    assert 0 < first < second
    first_goal = page[first:second]
    assert "Delvis uppfyllt" in first_goal
    assert "Analys av enhetsmål 0." in first_goal
    assert "uppfyllt" in first_goal.split("Delvis uppfyllt", 1)[1]  # what the system proposed
    assert "Aktivitet 0.1" in first_goal and "Pågår" in first_goal
    assert "Statuskommentar 0.1" in first_goal
    assert "Indikator 0.0" in first_goal and "64,5 %" in first_goal and "70 %" in first_goal
    assert "Kommentar till utfall 0.0" in first_goal
    assert swedish("Not assessed yet") in page[second:]


def test_each_indicator_has_a_chart_with_its_values_as_a_table(
    client, city, reader, periods, council_goal
):
    build_unit_report(city, periods, council_goal, 2)
    content = get_report(client, reader, city.unit).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", content, flags=re.DOTALL)
    assert len(svgs) == 4
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    ids = re.findall(r'\bid="([^"]+)"', content)
    assert len(ids) == len(set(ids)), "ids on the page must be unique"
    tables = re.findall(r'<table class="ds-table chart-table".*?</table>', content, re.DOTALL)
    assert len(tables) == 4
    assert "64,5" in tables[0] and "60" in tables[0]


def test_an_outcome_missing_so_far_and_the_sexes_are_shown(
    client, city, reader, periods, council_goal
):
    now, _before = periods
    goal = factories.create_goal(
        level=levels.UNIT, owner=city.unit, year=city.year, parent=council_goal
    )
    indicator = factories.create_indicator(name="Andel nöjda", by_sex=True, goal=goal)
    factories.create_outcome(
        indicator=indicator, org_unit=city.unit, period=now["T1"], value=3, sex="women"
    )
    page = text_of(get_report(client, reader, city.unit))
    assert swedish("No outcome yet") in page
    assert "3 %" in page
    assert swedish("No target") in page


def test_the_report_shows_what_the_unit_reports_of_the_goals_above(
    client, city, reader, periods, council_goal
):
    now, _before = periods
    nämnd_activity = factories.create_activity(
        goal=council_goal, text="Nämndens aktivitet", assigned_units=[city.unit]
    )
    create_validated(
        ActivityStatus,
        activity=nämnd_activity,
        org_unit=city.unit,
        period=now["T1"],
        status=ActivityStatus.Status.DONE,
    )
    shared = factories.create_indicator(name="Nämndens indikator", goal=council_goal)
    factories.create_target(indicator=shared, org_unit=city.council, year=city.year, text="Max 5")
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    factories.include_goal(plan=plan, goal=council_goal, indicators=[shared])
    factories.create_outcome(indicator=shared, org_unit=city.unit, period=now["T1"], value=4)

    page = text_of(get_report(client, reader, city.unit))
    above = page[page.find(swedish("From the goals above")) :]
    assert "Nämndmål: 1.1.1 Barn och unga har goda uppväxtvillkor" in above
    assert "Nämndens aktivitet" in above and "Genomförd" in above
    assert "Nämndens indikator" in above and "Max 5 (Södra stadsdelsnämnden)" in above
    # Goals above are reported on, not assessed, by the unit.
    assert swedish("Not assessed yet") not in above


def test_a_report_of_another_kind_shows_that_periods_content(
    client, city, reader, periods, council_goal
):
    build_unit_report(city, periods, council_goal, 1)
    page = text_of(get_report(client, reader, city.unit, kind="t2"))
    assert "Enhetsmål: Enhetsmål 0" in page
    assert "Delvis uppfyllt" not in page and "Statuskommentar" not in page
    assert swedish("Not assessed yet") in page


def test_a_reader_of_the_unit_reads_the_report_and_one_of_another_council_does_not(
    client, city, reader, user_with_role, periods, council_goal
):
    build_unit_report(city, periods, council_goal, 1)
    assert get_report(client, reader, city.unit).status_code == 200
    outsider = user_with_role("editor", city.other_council)
    assert get_report(client, outsider, city.unit).status_code == 403
    client.logout()
    assert client.get(report_url(city.unit)).status_code == 302


def test_a_unit_without_goals_says_so(client, city, reader, periods):
    page = text_of(get_report(client, reader, city.unit))
    assert swedish("The unit has no goals of its own this year.") in page


def test_the_page_keeps_its_facts_and_the_links_to_the_three_parts(
    client, city, reader, periods, council_goal
):
    build_unit_report(city, periods, council_goal, 1)
    content = get_report(client, reader, city.unit).content.decode()
    for name in ("outcomes", "activities", "assessments"):
        url = reverse(
            f"reports:{name}", kwargs={"unit_id": city.unit.pk, "year": 2026, "kind": "t1"}
        )
        assert f'href="{url}"' in content


def test_the_unit_report_runs_the_same_number_of_queries_at_two_sizes(
    client, city, reader, periods, council_goal
):
    build_unit_report(city, periods, council_goal, 1)
    get_report(client, reader, city.unit)  # warm up the session
    with CaptureQueriesContext(connection) as small:
        assert get_report(client, reader, city.unit).status_code == 200

    build_unit_report(city, periods, council_goal, 3, start=1)
    with CaptureQueriesContext(connection) as large:
        response = get_report(client, reader, city.unit)
    assert response.status_code == 200
    assert response.content.decode().count("<svg") == 1 + 9
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
