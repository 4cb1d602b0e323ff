"""The document layout: a plan's title page, sections and goal chain in the seeds' order and
words; a report's assessments, outcomes and charts; a nämnd's compilation of its units; and
a fixed number of queries however large the plan."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from styrkedja.exporter.blocks import BulletList, Chart, Heading, PageBreak, Paragraph, Table
from styrkedja.exporter.layout import build_export_document, in_organisation_order
from styrkedja.goals import levels
from styrkedja.history.writes import create_validated
from styrkedja.indicators.models import Indicator
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan, PlanSection
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.testing import factories


def swedish(msgid):
    with translation.override("sv"):
        return gettext(msgid)


def headings(document):
    return [(block.level, block.text) for block in document.blocks if isinstance(block, Heading)]


def blocks_after(document, heading_text):
    """The blocks under a heading, up to the next heading."""
    start = next(
        index
        for index, block in enumerate(document.blocks)
        if isinstance(block, Heading) and block.text == heading_text
    )
    following = []
    for block in document.blocks[start + 1 :]:
        if isinstance(block, Heading):
            break
        following.append(block)
    return following


def build_goal_chain(city):
    """KF:s inriktningsmål 1 → verksamhetsområde 1.3 → nämndmål 1.3.3 of the city's nämnd."""
    direction = factories.create_goal(
        level=levels.DIRECTION,
        owner=city.municipality,
        year=city.year,
        number="1",
        title="Ett Testby som håller samman",
    )
    area = factories.create_goal(
        level=levels.AREA,
        owner=city.municipality,
        year=city.year,
        parent=direction,
        number="1.3",
        title="Testby ger stöd där behoven är störst",
    )
    council_goal = factories.create_goal(
        level=levels.COUNCIL,
        owner=city.council,
        year=city.year,
        parent=area,
        number="1.3.3",
        title="Personer som utsätts för våld får stöd",
        expected_results=["Frågor om våld ställs"],
    )
    return direction, area, council_goal


def build_unit_plan(city, unit=None, *, size=1, status=Plan.Status.DRAFT, council_goal=None):
    """A unit plan with `size` enhetsmål, each with `size` expected results, indicators (with
    the unit's and KF:s targets) and activities, and `size` opening sections and one closing."""
    unit = unit or city.unit
    if council_goal is None:
        council_goal = build_goal_chain(city)[2]
    plan = factories.create_plan(org_unit=unit, year=city.year, status=status)
    for n in range(size):
        factories.create_section(
            plan=plan, heading=f"Inledning {n}", body=f"Enheten arbetar med {n}."
        )
    for n in range(size):
        goal = factories.create_goal(
            level=levels.UNIT,
            owner=unit,
            year=city.year,
            parent=council_goal,
            title=f"{unit.name} mål {n}",
            position=n,
            description=f"Beskrivning av mål {n}.\n\nAndra stycket.",
            ways_of_working=f"Arbetssätt för mål {n}.",
            expected_results=[f"Resultat {n}.{i}" for i in range(size)],
        )
        for i in range(size):
            indicator = factories.create_indicator(
                name=f"{unit.name} indikator {n}.{i}",
                periodicity=Indicator.Periodicity.TERTIAL,
                goal=goal,
            )
            factories.create_target(indicator=indicator, org_unit=unit, year=city.year, text="70 %")
            factories.create_target(
                indicator=indicator, org_unit=city.municipality, year=city.year, text="80 %"
            )
            factories.create_activity(
                goal=goal,
                text=f"{unit.name} aktivitet {n}.{i}",
                starts_on=datetime.date(city.year.number, 1, 1),
                ends_on=datetime.date(city.year.number, 10, 31),
            )
    factories.create_section(
        plan=plan, heading="Övrigt", body="Inget mer.", placement=PlanSection.Placement.CLOSING
    )
    return plan


# A plan -----------------------------------------------------------------------------------


def test_a_plan_prints_its_sections_and_goal_chain_with_the_seeds_headings(city):
    plan = build_unit_plan(city)

    document = build_export_document(plan)

    assert headings(document) == [
        (1, "Inledning 0"),
        (1, "KF:s inriktningsmål: 1. Ett Testby som håller samman"),
        (2, "KF:s mål för verksamhetsområdet: 1.3 Testby ger stöd där behoven är störst"),
        (3, "Nämndmål: 1.3.3 Personer som utsätts för våld får stöd"),
        (4, "Enhetsmål: Familjeenheten mål 0"),
        (1, "Övrigt"),
    ]
    anchors = [block.anchor for block in document.blocks if isinstance(block, Heading)]
    assert len(set(anchors)) == len(anchors)


def test_a_goal_prints_its_texts_expected_results_indicators_and_activities(city):
    plan = build_unit_plan(city, size=2)

    blocks = blocks_after(build_export_document(plan), "Enhetsmål: Familjeenheten mål 1")

    assert blocks[0] == Paragraph("Beskrivning av mål 1.", label="Beskrivning")
    assert blocks[1] == Paragraph("Andra stycket.")
    assert blocks[2] == BulletList(("Resultat 1.0", "Resultat 1.1"), label="Förväntat resultat")
    assert blocks[3] == Paragraph("Arbetssätt för mål 1.", label="Arbetssätt")
    indicators, activities = blocks[4], blocks[5]
    assert indicators.header == ("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet")
    assert indicators.rows == (
        ("Familjeenheten indikator 1.0", "70 %", "80 %", "Tertial"),
        ("Familjeenheten indikator 1.1", "70 %", "80 %", "Tertial"),
    )
    assert activities.header == ("Aktivitet", "Startdatum", "Slutdatum")
    assert activities.rows[0] == ("Familjeenheten aktivitet 1.0", "2026-01-01", "2026-10-31")
    assert len(blocks) == 6


def test_a_goal_above_prints_only_what_the_plan_includes_of_it(city):
    _direction, _area, council_goal = build_goal_chain(city)
    plan = build_unit_plan(city, council_goal=council_goal)
    factories.create_activity(goal=council_goal, text="Nämndens aktivitet")
    factories.include_goal(plan=plan, goal=council_goal)

    blocks = blocks_after(
        build_export_document(plan), "Nämndmål: 1.3.3 Personer som utsätts för våld får stöd"
    )

    assert blocks == [
        BulletList(("Frågor om våld ställs",), label="Förväntat resultat"),
        Table(
            caption="Aktiviteter",
            header=("Aktivitet", "Startdatum", "Slutdatum"),
            rows=(("Nämndens aktivitet", "", ""),),
        ),
    ]


def test_a_sections_markdown_and_tables_become_blocks(city):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    section = factories.create_section(
        plan=plan,
        heading="Ekonomi",
        level=2,
        body="Budgeten är *i balans*.\n\n- Personal\n- Lokaler\n\nSedan:\n\n1. Först\n2. Sist\n\n"
        "Läs [mer](https://example.org/budget).",
    )
    section.tables = [{"caption": "Budget", "header": ["Post", "Kr"], "rows": [["Lön", "10"]]}]
    section.save()

    document = build_export_document(plan)

    assert document.blocks == [
        Heading(2, "Ekonomi", f"avsnitt-{section.pk}"),
        Paragraph("Budgeten är i balans."),
        BulletList(("Personal", "Lokaler")),
        Paragraph("Sedan:"),
        Paragraph("1. Först"),
        Paragraph("2. Sist"),
        Paragraph("Läs mer (https://example.org/budget)."),
        Table(caption="Budget", header=("Post", "Kr"), rows=(("Lön", "10"),)),
    ]


def test_a_draft_has_no_case_number_or_decision_date_on_its_title_page(city):
    plan = build_unit_plan(city)
    plan.case_number, plan.decided_on = "SDN 2026/12", datetime.date(2025, 12, 10)
    plan.save()

    document = build_export_document(plan)

    assert document.organisation == "Familjeenheten"
    assert document.parent_organisation == "Södra stadsdelsnämnden"
    assert document.kind == "Verksamhetsplan"
    assert document.year == 2026
    assert document.status == "Utkast"
    assert document.case_number == "" and document.decided_on is None
    assert document.title == "Verksamhetsplan 2026 – Familjeenheten"


@pytest.mark.parametrize("status", [Plan.Status.ADOPTED, Plan.Status.LOCKED])
def test_an_adopted_plan_prints_its_case_number_and_decision_date(city, status):
    plan = build_unit_plan(city, status=status)
    plan.case_number, plan.decided_on = "SDN 2026/12", datetime.date(2025, 12, 10)
    plan.save()

    document = build_export_document(plan)

    assert document.case_number == "SDN 2026/12"
    assert document.decided_on == datetime.date(2025, 12, 10)
    assert document.status == swedish(Plan.Status(status).label).capitalize()


def test_a_nämnd_plan_is_printed_under_the_municipalitys_name(city):
    plan = factories.create_plan(org_unit=city.council, year=city.year)
    assert build_export_document(plan).parent_organisation == "Testby"


def test_the_document_is_swedish_whatever_the_readers_language(city):
    plan = build_unit_plan(city)
    with translation.override("en"):
        document = build_export_document(plan)
    assert document.kind == "Verksamhetsplan"
    assert BulletList(("Resultat 0.0",), label="Förväntat resultat") in document.blocks


# A nämnd's compilation --------------------------------------------------------------------


def test_a_nämnd_plan_leaves_its_units_goals_to_their_parts(city):
    _direction, _area, council_goal = build_goal_chain(city)
    build_unit_plan(city, council_goal=council_goal)
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)

    texts = [text for _level, text in headings(build_export_document(council_plan))]

    assert "Nämndmål: 1.3.3 Personer som utsätts för våld får stöd" in texts
    assert not any(text.startswith("Enhetsmål") for text in texts)


def test_a_compilation_adds_the_chosen_units_parts_in_organisation_order(city):
    _direction, _area, council_goal = build_goal_chain(city)
    for unit in (city.unit, city.sub_unit, city.sibling):
        build_unit_plan(city, unit, council_goal=council_goal)
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)

    document = build_export_document(council_plan, units=[city.sibling, city.sub_unit, city.unit])

    parts = [text for level, text in headings(document) if level == 1 and "mål" not in text]
    # Familjebehandlarna sits below Familjeenheten, so it follows it despite the alphabet.
    assert parts == ["Familjeenheten", "Familjebehandlarna", "Vuxenenheten"]
    start = document.blocks.index(Heading(1, "Familjeenheten", f"enhet-{city.unit.pk}"))
    assert isinstance(document.blocks[start - 1], PageBreak)
    part = [
        (block.level, block.text)
        for block in document.blocks[start + 1 :]
        if isinstance(block, Heading)
    ][:6]
    assert part == [
        (2, "Inledning 0"),
        (2, "KF:s inriktningsmål: 1. Ett Testby som håller samman"),
        (3, "KF:s mål för verksamhetsområdet: 1.3 Testby ger stöd där behoven är störst"),
        (4, "Nämndmål: 1.3.3 Personer som utsätts för våld får stöd"),
        (4, "Enhetsmål: Familjeenheten mål 0"),
        (2, "Övrigt"),
    ]
    anchors = [block.anchor for block in document.blocks if isinstance(block, Heading)]
    assert len(set(anchors)) == len(anchors)


def test_a_compilation_includes_only_the_chosen_units_that_have_a_plan(city):
    _direction, _area, council_goal = build_goal_chain(city)
    build_unit_plan(city, city.unit, council_goal=council_goal)
    build_unit_plan(city, city.sibling, council_goal=council_goal)
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)

    document = build_export_document(council_plan, units=[city.sibling, city.sub_unit])

    texts = [text for _level, text in headings(document)]
    assert "Vuxenenheten" in texts
    assert "Familjeenheten" not in texts and "Familjebehandlarna" not in texts


def test_organisation_order_puts_each_unit_after_its_parent_and_siblings_in_swedish_order(city):
    extra = factories.create_org_unit(name="Äldreenheten", parent=city.department)
    alpha = factories.create_org_unit(name="Arbetsenheten", parent=city.department)
    units = [extra, city.sibling, city.sub_unit, alpha, city.unit, city.department]
    assert in_organisation_order(units) == [
        city.department,
        alpha,
        city.unit,
        city.sub_unit,
        city.sibling,
        extra,
    ]


# A report ---------------------------------------------------------------------------------


@pytest.fixture
def periods(city):
    last_year = factories.get_or_create_year(number=city.year.number - 1)
    return (
        {period.kind: period for period in ReportPeriod.objects.filter(year=city.year)},
        {period.kind: period for period in ReportPeriod.objects.filter(year=last_year)},
    )


def build_unit_report(city, periods, *, size=1, kind=PeriodKind.T2):
    """A T2 report of the unit: `size` enhetsmål with `size` indicators (outcomes in T1 and T2
    this year, T1 last year) and activities with a status; the first goal assessed."""
    now, before = periods
    council_goal = build_goal_chain(city)[2]
    report = factories.create_plan(org_unit=city.unit, year=city.year, kind=kind)
    factories.create_section(plan=report, heading="Sammanfattning", body="Året gick bra.")
    for n in range(size):
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
                name=f"Indikator {n}.{i}", periodicity=Indicator.Periodicity.TERTIAL, goal=goal
            )
            factories.create_target(
                indicator=indicator, org_unit=city.unit, year=city.year, text="70 %"
            )
            factories.create_target(
                indicator=indicator, org_unit=city.municipality, year=city.year, text="75 %"
            )
            for period, value in ((now["T1"], "64.5"), (now["T2"], "66"), (before["T1"], "60")):
                factories.create_outcome(
                    indicator=indicator,
                    org_unit=city.unit,
                    period=period,
                    value=Decimal(value),
                    comment="Bättre än väntat." if period == now["T2"] else "",
                )
            activity = factories.create_activity(
                goal=goal, text=f"Aktivitet {n}.{i}", starts_on=datetime.date(2026, 2, 1)
            )
            create_validated(
                ActivityStatus,
                activity=activity,
                org_unit=city.unit,
                period=now["T2"],
                status=ActivityStatus.Status.ONGOING,
                comment=f"Statuskommentar {n}.{i}",
            )
        if n == 0:
            create_validated(
                GoalAssessment,
                goal=goal,
                period=now["T2"],
                assessment=GoalAssessment.Assessment.PARTLY_MET,
                analysis="Analys av målet.",
            )
    return report


def test_a_report_prints_each_goal_with_its_assessment_outcomes_chart_and_activities(city, periods):
    report = build_unit_report(city, periods, size=2)

    document = build_export_document(report)

    assert document.kind == "Tertialrapport 2"
    assert headings(document)[:5] == [
        (1, "Sammanfattning"),
        (1, "KF:s inriktningsmål: 1. Ett Testby som håller samman"),
        (2, "KF:s mål för verksamhetsområdet: 1.3 Testby ger stöd där behoven är störst"),
        (3, "Nämndmål: 1.3.3 Personer som utsätts för våld får stöd"),
        (4, "Enhetsmål: Enhetsmål 0"),
    ]
    blocks = blocks_after(document, "Enhetsmål: Enhetsmål 0")
    assert blocks[0] == Paragraph("Delvis uppfyllt", label="Bedömning")
    assert blocks[1] == Paragraph("Analys av målet.", label="Analys")
    indicators = blocks[2]
    assert indicators.header == (
        "Indikator",
        "Årsmål",
        "KF:s årsmål",
        "Periodicitet",
        "Utfall T1",
        "Utfall T2",
    )
    assert indicators.rows[0] == (
        "Indikator 0.0",
        "70 %",
        "75 %",
        "Tertial",
        "64,5\xa0%",
        "66\xa0%",
    )
    chart = blocks[3]
    assert isinstance(chart, Chart)
    assert chart.svg.startswith("<svg") and "Indikator 0.0" in chart.svg
    assert "Indikator 0.0" in chart.alt and "64,5" in chart.alt
    assert chart.data.header == ("Period", "2026", "2025")
    assert chart.data.rows[0] == ("T1", "64,5\xa0%", "60\xa0%")
    comment_label = swedish("Comment on %(indicator)s") % {"indicator": "Indikator 0.0"}
    assert blocks[4] == Paragraph("Bättre än väntat.", label=comment_label)
    activities = [block for block in blocks if isinstance(block, Table)][-1]
    assert activities.header == ("Aktivitet", "Startdatum", "Slutdatum", "Status", "Kommentar")
    assert activities.rows[0] == ("Aktivitet 0.0", "2026-02-01", "", "Pågår", "Statuskommentar 0.0")
    second_goal = blocks_after(document, "Enhetsmål: Enhetsmål 1")
    assert second_goal[0] == Paragraph(swedish("Not assessed yet"), label="Bedömning")


def test_chart_ids_stay_unique_when_a_compilation_repeats_a_chart(city, periods):
    build_unit_report(city, periods)
    council_report = factories.create_plan(
        org_unit=city.council, year=city.year, kind=PeriodKind.T2
    )
    document = build_export_document(council_report, units=[city.unit])
    charts = [block for block in document.blocks if isinstance(block, Chart)]
    assert charts
    ids = [chart.svg.split('id="', 1)[1].split('"', 1)[0] for chart in charts]
    assert len(ids) == len(set(ids))


# Queries ----------------------------------------------------------------------------------


def count_queries(plan, **options):
    with CaptureQueriesContext(connection) as queries:
        build_export_document(plan, **options)
    return len(queries)


def test_a_plan_costs_the_same_queries_however_large(city):
    small = count_queries(build_unit_plan(city, city.sibling, size=1))
    large = count_queries(build_unit_plan(city, city.unit, size=3))
    assert small == large


def test_a_compilation_costs_the_same_queries_per_unit_however_large(city):
    _direction, _area, council_goal = build_goal_chain(city)
    small_plan = factories.create_plan(org_unit=city.council, year=city.year)
    build_unit_plan(city, city.sibling, size=1, council_goal=council_goal)
    small = count_queries(small_plan, units=[city.sibling])
    build_unit_plan(city, city.unit, size=3, council_goal=council_goal)
    large = count_queries(small_plan, units=[city.unit])
    assert small == large


def test_a_report_costs_the_same_queries_however_large(city, periods):
    small = count_queries(build_unit_report(city, periods, size=1, kind=PeriodKind.T1))
    large = count_queries(build_unit_report(city, periods, size=3, kind=PeriodKind.T2))
    assert small == large
