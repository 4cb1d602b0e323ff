"""The plan page: every part of a printed plan, only what the plan includes, a fixed query count."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.plans.models import PlanSection
from styrkedja.testing import factories


def build_world(city, size):
    """A KF → nämnd → unit chain with `size` of every kind of thing in it.

    Returns the unit plan and the nämnd plan.
    """
    year = city.year
    unit_plan = factories.create_plan(org_unit=city.unit, year=year)
    council_plan = factories.create_plan(org_unit=city.council, year=year)
    for n in range(size):
        direction = factories.create_goal(
            level="direction",
            owner=city.municipality,
            year=year,
            number=str(n + 1),
            title=f"Inriktningsmål {n}",
        )
        area = factories.create_goal(
            level="area",
            owner=city.municipality,
            year=year,
            number=f"{n + 1}.1",
            parent=direction,
            title=f"Verksamhetsområdesmål {n}",
        )
        kf_indicator = factories.create_indicator(name=f"KF-indikator {n}", goal=area)
        factories.create_target(
            indicator=kf_indicator, org_unit=city.municipality, year=year, text="Tas fram av nämnd"
        )
        factories.create_target(
            indicator=kf_indicator, org_unit=city.council, year=year, text="70 %"
        )
        factories.create_activity(goal=area, text=f"KF-aktivitet {n}")
        council_goal = factories.create_goal(
            level="council",
            owner=city.council,
            year=year,
            number=f"{n + 1}.1.{n + 1}",
            parent=area,
            title=f"Nämndmål {n}",
            description=f"Beskrivning av nämndmål {n}",
            expected_results=[f"Nämndresultat {n}.{i}" for i in range(size + 1)],
        )
        council_indicator = factories.create_indicator(
            name=f"Nämndindikator {n}", goal=council_goal
        )
        factories.create_target(
            indicator=council_indicator, org_unit=city.council, year=year, text="öka"
        )
        factories.create_activity(
            goal=council_goal, text=f"Nämndaktivitet {n}", assigned_units=[city.unit]
        )
        for plan in (unit_plan, council_plan):
            factories.include_goal(plan=plan, goal=area)
        factories.include_goal(plan=unit_plan, goal=council_goal)
        for owner in (city.unit, city.sibling):
            unit_goal = factories.create_goal(
                level="unit",
                owner=owner,
                year=year,
                parent=council_goal,
                title=f"Enhetsmål {n} för {owner.name}",
                expected_results=[f"Enhetsresultat {n}.{i}" for i in range(size)],
                ways_of_working="Arbetssätt",
                resource_use="Resurser",
                follow_up="Uppföljning",
                agenda_2030=["5", "16.1"],
            )
            unit_indicator = factories.create_indicator(
                name=f"Enhetsindikator {n} {owner.pk}", goal=unit_goal
            )
            factories.create_target(
                indicator=unit_indicator, org_unit=owner, year=year, text="Max 10 personer"
            )
            factories.create_activity(
                goal=unit_goal,
                text=f"Enhetsaktivitet {n} {owner.pk}",
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2026, 12, 31),
            )
        sub_unit = factories.create_org_unit(name=f"Underenhet {n}", parent=city.unit)
        factories.create_goal(
            level="unit",
            owner=sub_unit,
            year=year,
            parent=council_goal,
            title=f"Underenhetens mål {n}",
        )
        for plan in (unit_plan, council_plan):
            factories.create_section(
                plan=plan, heading=f"Inledning {n}", body=f"Inledande text {n}"
            )
            factories.create_section(
                plan=plan,
                heading=f"Övrigt {n}",
                body=f"Avslutande text {n}",
                placement=PlanSection.Placement.CLOSING,
            )
    return unit_plan, council_plan


@pytest.fixture
def reader(city, user_with_role):
    return user_with_role("reader", city.council)


def get_page(client, user, unit, year=2026):
    client.force_login(user)
    return client.get(reverse("ui:plan", args=[unit.pk, year]))


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_unit_plan_shows_every_part_in_plan_order(client, city, reader):
    build_world(city, 1)
    page = text_of(get_page(client, reader, city.unit))

    expected_in_order = [
        "Inledning 0",
        "Inledande text 0",
        "KF:s inriktningsmål: 1. Inriktningsmål 0",
        "KF:s mål för verksamhetsområdet: 1.1 Verksamhetsområdesmål 0",
        "KF-indikator 0",
        "70 %",
        "Tas fram av nämnd",
        "KF-aktivitet 0",
        "Nämndmål: 1.1.1 Nämndmål 0",
        "Beskrivning av nämndmål 0",
        "Nämndresultat 0.0",
        "Nämndindikator 0",
        "öka",
        "Nämndaktivitet 0",
        f"Enhetsmål: Enhetsmål 0 för {city.unit.name}",
        "Enhetsresultat 0.0",
        "Arbetssätt",
        "Resurser",
        "Uppföljning",
        "Enhetsindikator 0",
        "Max 10 personer",
        "Enhetsaktivitet 0",
        "2026-01-01",
        "2026-12-31",
        "Övrigt 0",
        "Avslutande text 0",
    ]
    after_contents = page.find("</nav>", page.find('id="toc-heading"'))
    positions = [page.find(fragment, after_contents) for fragment in expected_in_order]
    assert -1 not in positions, [
        f for f, p in zip(expected_in_order, positions, strict=True) if p == -1
    ]
    assert positions == sorted(positions)
    # A unit plan shows the unit's own goals, not its sibling's.
    assert f"Enhetsmål 0 för {city.sibling.name}" not in page


def test_the_unit_plan_has_a_table_of_contents_with_anchors(client, city, reader):
    build_world(city, 1)
    page = get_page(client, reader, city.unit).content.decode()
    toc = page[
        page.index('id="toc-heading"') : page.index("</nav>", page.index('id="toc-heading"'))
    ]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert len(anchors) >= 6
    for anchor in anchors:
        assert f'id="{anchor}"' in page


def test_tables_have_header_cells_with_scope(client, city, reader):
    build_world(city, 1)
    page = get_page(client, reader, city.unit).content.decode()
    assert page.count("<table") >= 4
    assert page.count("<caption>") == page.count("<table")
    for heading in (
        "Indikator",
        "Årsmål",
        "KF:s årsmål",
        "Periodicitet",
        "Aktivitet",
        "Startdatum",
        "Slutdatum",
    ):
        assert f'<th scope="col">{heading}</th>' in page


def test_headings_descend_one_level_at_a_time(client, city, reader):
    build_world(city, 2)
    page = get_page(client, reader, city.unit).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", page)]
    assert levels[0] == 1
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1


def test_a_plan_that_includes_some_expected_results_shows_only_those(client, city, reader):
    year = city.year
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=year, number="1.3", parent=direction
    )
    shared = factories.create_goal(
        level="council",
        owner=city.council,
        year=year,
        number="1.3.3",
        parent=area,
        expected_results=["Resultat ett", "Resultat två", "Resultat tre", "Resultat fyra"],
    )
    results = list(shared.expected_results.all())
    shown_activity = factories.create_activity(
        goal=shared, text="Gemensam aktivitet A", assigned_units=[city.unit]
    )
    factories.create_activity(
        goal=shared, text="Gemensam aktivitet B", assigned_units=[city.sibling]
    )
    plan = factories.create_plan(org_unit=city.unit, year=year)
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=year)
    factories.include_goal(
        plan=plan,
        goal=shared,
        expected_results=[results[0], results[3]],
        result_wordings={results[3]: "Resultat fyra, med enhetens ord"},
        activity_wordings={shown_activity: "Aktivitet A som enheten skriver den"},
    )
    factories.include_goal(plan=sibling_plan, goal=shared)

    page = text_of(get_page(client, reader, city.unit))
    assert "Resultat ett" in page
    assert "Resultat fyra, med enhetens ord" in page
    assert "Resultat två" not in page and "Resultat tre" not in page
    assert "Aktivitet A som enheten skriver den" in page
    assert "Gemensam aktivitet B" not in page

    sibling_page = text_of(get_page(client, reader, city.sibling))
    assert all(f"Resultat {word}" in sibling_page for word in ("ett", "två", "tre", "fyra"))
    assert "Gemensam aktivitet B" in sibling_page and "Gemensam aktivitet A" not in sibling_page


def test_the_council_plan_shows_its_goals_and_the_unit_goals_hung_on_them(client, city, reader):
    build_world(city, 1)
    page = text_of(get_page(client, reader, city.council))
    council_goal = page.find("Nämndmål: 1.1.1 Nämndmål 0")
    assert council_goal != -1
    assert "Beskrivning av nämndmål 0" in page
    for owner in (city.unit, city.sibling):
        position = page.find(f"Enhetsmål: Enhetsmål 0 för {owner.name}")
        assert position > council_goal
        assert f"Mål för {owner.name}" in page
    assert "Inledning 0" in page and "Övrigt 0" in page
    assert "KF-indikator 0" in page


@pytest.mark.parametrize("unit_name", ["unit", "council"])
def test_the_plan_page_runs_the_same_number_of_queries_at_two_sizes(
    client, city, reader, unit_name
):
    build_world(city, 1)
    unit = getattr(city, unit_name)
    get_page(client, reader, unit)  # warm up session and caches
    with CaptureQueriesContext(connection) as small:
        assert get_page(client, reader, unit).status_code == 200

    build_world_more(city)
    with CaptureQueriesContext(connection) as large:
        response = get_page(client, reader, unit)
    assert response.status_code == 200
    assert text_of(response).count("Enhetsmål: ") > 2
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def build_world_more(city):
    """Three times as much of every relation, added to the plans build_world made."""
    from styrkedja.plans.models import Plan

    unit_plan = Plan.objects.get(org_unit=city.unit)
    council_plan = Plan.objects.get(org_unit=city.council)
    unit_plan.delete()
    council_plan.delete()
    build_world(city, 3)


def test_an_unknown_unit_or_year_gives_404(client, city, reader):
    build_world(city, 1)
    assert get_page(client, reader, city.unit, year=1999).status_code == 404
    client.force_login(reader)
    assert client.get(reverse("ui:plan", args=[999_999, 2026])).status_code == 404


def test_a_unit_outside_the_users_units_gives_403(client, city, user_with_role):
    build_world(city, 1)
    user = user_with_role("editor", city.sibling)
    assert get_page(client, user, city.unit).status_code == 403
    other = factories.create_plan(org_unit=city.other_unit, year=city.year)
    assert get_page(client, user, other.org_unit).status_code == 403


def test_pages_need_a_login(client, city):
    build_world(city, 1)
    for url in (reverse("ui:start"), reverse("ui:plan", args=[city.unit.pk, 2026])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_start_page_shows_the_readable_tree_in_swedish_order_with_plan_years(
    client, city, user_with_role
):
    for name in ("Östra enheten", "Ängsenheten", "Zonenheten", "Arbetsenheten"):
        factories.create_org_unit(name=name, parent=city.department)
    previous = factories.get_or_create_year(number=2025)
    factories.create_plan(org_unit=city.unit, year=previous)
    factories.create_plan(org_unit=city.unit, year=city.year)
    user = user_with_role("reader", city.department)
    client.force_login(user)
    page = text_of(client.get(reverse("ui:start")))

    names = [
        "Arbetsenheten",
        "Familjeenheten",
        "Vuxenenheten",
        "Zonenheten",
        "Ängsenheten",
        "Östra enheten",
    ]
    positions = [page.find(name) for name in names]
    assert -1 not in positions and positions == sorted(positions)
    assert reverse("ui:plan", args=[city.unit.pk, 2026]) in page
    assert reverse("ui:plan", args=[city.unit.pk, 2025]) in page
    assert "Kulturnämnden" not in page
    # The units above the reader's branch are named for orientation, not linked.
    assert "Testby › Södra stadsdelsnämnden" in page


def test_the_english_page_is_in_english(client, city, reader):
    build_world(city, 1)
    client.force_login(reader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = text_of(client.get(reverse("ui:plan", args=[city.unit.pk, 2026])))
    assert "Annual target" in page and "Periodicity" in page
    assert "Årsmål" not in page and "Periodicitet" not in page


def test_the_plan_page_offers_editing_to_those_who_may_edit_a_draft(client, city, user_with_role):
    unit_plan, _council_plan = build_world(city, 1)
    edit_url = reverse("plans:edit", args=[unit_plan.pk])
    assert (
        edit_url
        not in get_page(client, user_with_role("reader", city.unit), city.unit).content.decode()
    )
    editor = user_with_role("editor", city.unit)
    assert edit_url in get_page(client, editor, city.unit).content.decode()
    unit_plan.status = "ready"
    unit_plan.save()
    assert edit_url not in get_page(client, editor, city.unit).content.decode()
