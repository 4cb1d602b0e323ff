"""Editing a goal's indicators from a plan: search the catalogue and add, define a new one,
reorder, remove, and set the årsmål (KF:s årsmål in the municipality's plan)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.indicators import services
from styrkedja.indicators.models import GoalIndicator, Indicator, Target
from styrkedja.indicators.targets import TargetKind, parse_target
from styrkedja.org.models import OrgUnit, Role
from styrkedja.plans.models import PlanIndicator
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import (
    CASES,
    case_id,
    check_status,
    may_edit_unit_plans,
    request_all_ways,
    unit_at,
    user_with,
)

NEW_INDICATOR = {
    "name": "Andel brukare som känner sig trygga",
    "unit": "%",
    "periodicity": "tertial",
    "by_sex": "on",
    "direction": "higher",
    "source": "Brukarundersökning",
    "aggregation": "mean",
}


def council_goal_of(city, council=None):
    """A nämndmål of `council` (the city's first by default) under a KF chain."""
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.3", parent=direction
    )
    return factories.create_goal(
        level="council",
        owner=council or city.council,
        year=city.year,
        number="1.3.3",
        parent=area,
        title="Fler barn och unga är trygga",
    )


@pytest.fixture
def council_goal(city):
    return council_goal_of(city)


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def goal(city, council_goal):
    """An enhetsmål of the plan's unit: the plan shows it with its indicators."""
    return factories.create_goal(
        level="unit", owner=city.unit, year=city.year, parent=council_goal, title="Trygga barn"
    )


@pytest.fixture
def editor(client, city):
    user = user_with(city, Role.EDITOR)
    client.force_login(user)
    return user


def goal_url(plan, goal, name="goal", indicator=None):
    args = [plan.pk, goal.pk] if indicator is None else [plan.pk, goal.pk, indicator.pk]
    return reverse(f"indicators:{name}", args=args)


# The goal page -----------------------------------------------------------------------------


def test_the_goal_page_prints_own_inherited_and_council_targets(client, city, plan, goal, editor):
    own = factories.create_indicator(name="Andel nöjda föräldrar", goal=goal)
    inherited = factories.create_indicator(
        name="Antal placerade barn", unit="st", periodicity="tertial", goal=goal
    )
    factories.create_target(indicator=own, org_unit=city.unit, year=city.year, text="70 %")
    factories.create_target(indicator=own, org_unit=city.municipality, year=city.year, text="65 %")
    factories.create_target(
        indicator=inherited, org_unit=city.council, year=city.year, text="Max 10 st"
    )
    page = client.get(goal_url(plan, goal)).content.decode()
    assert '<th scope="col">KF:s årsmål</th>' in page
    own_row = page.split(f'id="indicator-{own.pk}"')[1].split("</tr>")[0]
    assert ("70 %" in own_row) and ("65 %" in own_row) and ("År" in own_row)
    inherited_row = page.split(f'id="indicator-{inherited.pk}"')[1].split("</tr>")[0]
    assert "Max 10 st" in inherited_row
    assert "(fastställt av Södra stadsdelsnämnden)" in inherited_row
    assert "Tertial" in inherited_row
    assert page.index("Andel nöjda föräldrar") < page.index("Antal placerade barn")


def test_a_goal_the_plan_does_not_show_is_not_found(client, city, plan, council_goal, editor):
    sibling_goal = factories.create_goal(
        level="unit", owner=city.sibling, year=city.year, parent=council_goal
    )
    assert client.get(goal_url(plan, sibling_goal)).status_code == 404
    # A nämndmål is shown in a unit's plan only when the plan includes it.
    assert client.get(goal_url(plan, council_goal)).status_code == 404
    factories.include_goal(plan=plan, goal=council_goal)
    assert client.get(goal_url(plan, council_goal)).status_code == 200


def test_a_goal_of_another_year_is_not_found(client, city, plan, editor):
    other_year = factories.get_or_create_year(number=2025)
    direction = factories.create_goal(level="direction", owner=city.municipality, year=other_year)
    area = factories.create_goal(
        level="area", owner=city.municipality, year=other_year, parent=direction
    )
    council = factories.create_goal(
        level="council", owner=city.council, year=other_year, parent=area
    )
    old_goal = factories.create_goal(level="unit", owner=city.unit, year=other_year, parent=council)
    assert client.get(goal_url(plan, old_goal)).status_code == 404


# Searching the catalogue ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["ovrig", "ÖVRIG", "övrig", "  Övrig   verk "])
def test_search_folds_case_and_swedish_letters(client, plan, goal, editor, query):
    wanted = factories.create_indicator(name="Övrig verksamhet")
    factories.create_indicator(name="Ekonomiskt bistånd")
    response = client.get(goal_url(plan, goal, "search"), {"q": query}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    results = response.content.decode()
    assert results.strip().startswith('<div id="indicator-search-results"')
    assert "Övrig verksamhet" in results
    assert f'name="indicator" value="{wanted.pk}"' in results
    assert "Ekonomiskt bistånd" not in results


def test_search_needs_every_word_and_orders_swedish_alphabetically(client, plan, goal, editor):
    for name in ["Ökad andel trygga", "Andel trygga barn", "Ärenden med andel trygga", "Zon"]:
        factories.create_indicator(name=name)
    factories.create_indicator(name="Andel nöjda")
    results = client.get(
        goal_url(plan, goal, "search"), {"q": "TRYGGA andel"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    order = ["Andel trygga barn", "Ärenden med andel trygga", "Ökad andel trygga"]
    positions = [results.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Andel nöjda" not in results and "Zon" not in results


def test_search_without_javascript_renders_the_whole_page_with_results(client, plan, goal, editor):
    factories.create_indicator(name="Andel elever som känner sig trygga")
    page = client.get(goal_url(plan, goal, "search"), {"q": "elever"}).content.decode()
    assert "<html" in page
    assert "Andel elever som känner sig trygga" in page
    assert 'value="elever"' in page  # the search box keeps what was typed
    assert 'hx-trigger="input changed delay:300ms, search"' in page


def test_search_says_when_nothing_matches_and_when_it_shows_only_the_first(
    client, plan, goal, editor
):
    url = goal_url(plan, goal, "search")
    nothing = client.get(url, {"q": "xyz"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Ingen indikator i katalogen matchar ”xyz”." in nothing
    for n in range(22):
        factories.create_indicator(name=f"Mätning {n:02d}")
    many = client.get(url, {"q": "matning"}, HTTP_HX_REQUEST="true").content.decode()
    assert many.count('name="indicator"') == 20
    assert "Visar de 20 första träffarna." in many


def test_search_marks_indicators_the_goal_already_follows(client, plan, goal, editor):
    factories.create_indicator(name="Andel trygga", goal=goal)
    results = client.get(
        goal_url(plan, goal, "search"), {"q": "trygga"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Följs redan under målet" in results
    assert 'name="indicator"' not in results


# Adding, moving, removing ------------------------------------------------------------------


def test_adding_from_the_catalogue_follows_it_last_under_the_goal(client, plan, goal, editor):
    first = factories.create_indicator(name="Första", goal=goal)
    found = factories.create_indicator(name="Från katalogen")
    response = client.post(
        goal_url(plan, goal, "attach"), {"indicator": found.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<div id="goal-indicators">')
    assert "Från katalogen" in response.content.decode()
    assert [link.indicator for link in goal.goal_indicators.all()] == [first, found]
    again = client.post(goal_url(plan, goal, "attach"), {"indicator": found.pk})
    assert again["Location"] == goal_url(plan, goal)
    assert goal.goal_indicators.count() == 2


def test_adding_an_unknown_indicator_is_not_found(client, plan, goal, editor):
    assert client.post(goal_url(plan, goal, "attach"), {"indicator": "999999"}).status_code == 404
    assert client.post(goal_url(plan, goal, "attach"), {"indicator": "x"}).status_code == 404


def test_indicators_move_up_and_down_under_their_goal(client, plan, goal, editor):
    first = factories.create_indicator(name="Ett", goal=goal)
    second = factories.create_indicator(name="Två", goal=goal)
    client.post(goal_url(plan, goal, "move", second), {"direction": "up"})
    assert [link.indicator for link in goal.goal_indicators.all()] == [second, first]
    response = client.post(
        goal_url(plan, goal, "move", first), {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="goal-indicators"' in response.content.decode()
    assert [link.indicator for link in goal.goal_indicators.all()] == [second, first]


def test_removing_asks_first_and_drops_it_from_the_plans_that_show_the_goal(
    client, city, council_goal
):
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    reviewer = user_with(city, None)
    factories.create_membership(user=reviewer, org_unit=city.council, role=Role.REVIEWER)
    client.force_login(reviewer)
    indicator = factories.create_indicator(name="Andel trygga barn", goal=council_goal)
    factories.create_target(indicator=indicator, org_unit=city.council, year=city.year, text="80 %")
    unit_plan = factories.create_plan(org_unit=city.unit, year=city.year)
    factories.include_goal(plan=unit_plan, goal=council_goal)
    url = goal_url(council_plan, council_goal, "remove", indicator)
    confirm = client.get(url).content.decode()
    assert "Vill du sluta följa ”Andel trygga barn”" in confirm
    assert str(unit_plan) in confirm
    assert GoalIndicator.objects.filter(goal=council_goal).exists()
    response = client.post(url)
    assert response["Location"] == goal_url(council_plan, council_goal)
    assert not GoalIndicator.objects.filter(goal=council_goal).exists()
    assert not PlanIndicator.objects.filter(indicator=indicator).exists()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert Target.objects.filter(indicator=indicator).exists()


# Defining a new indicator --------------------------------------------------------------------


def test_defining_an_indicator_adds_it_to_the_catalogue_and_the_goal(client, plan, goal, editor):
    response = client.post(goal_url(plan, goal, "define"), NEW_INDICATOR)
    assert response["Location"] == goal_url(plan, goal)
    indicator = goal.goal_indicators.get().indicator
    assert indicator.name == "Andel brukare som känner sig trygga"
    assert indicator.search_name == "andel brukare som kanner sig trygga"
    assert (indicator.unit, indicator.periodicity, indicator.by_sex) == ("%", "tertial", True)
    assert (indicator.direction, indicator.source, indicator.aggregation) == (
        "higher",
        "Brukarundersökning",
        "mean",
    )
    assert indicator.owner_kind == OrgUnit.Kind.UNIT


def test_a_new_indicator_of_a_council_goal_is_the_councils(client, city, council_goal):
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    reviewer = user_with(city, None)
    factories.create_membership(user=reviewer, org_unit=city.council, role=Role.REVIEWER)
    client.force_login(reviewer)
    client.post(goal_url(council_plan, council_goal, "define"), NEW_INDICATOR)
    assert council_goal.goal_indicators.get().indicator.owner_kind == OrgUnit.Kind.COUNCIL


def test_a_name_the_catalogue_has_with_the_same_periodicity_is_refused(client, plan, goal, editor):
    existing = factories.create_indicator(
        name="Andel brukare som känner sig trygga", periodicity="tertial"
    )
    data = {**NEW_INDICATOR, "name": "ANDEL brukare som kanner sig  trygga"}
    response = client.post(goal_url(plan, goal, "define"), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Katalogen har redan ”Andel brukare som känner sig trygga”" in page
    assert f'name="indicator" value="{existing.pk}"' in page  # offered instead
    assert 'value="Brukarundersökning"' in page
    assert Indicator.objects.count() == 1
    # Reported per year it is another indicator.
    yearly = {**NEW_INDICATOR, "periodicity": "year"}
    assert client.post(goal_url(plan, goal, "define"), yearly).status_code == 302
    assert Indicator.objects.count() == 2


def test_a_new_indicator_without_a_name_is_refused_and_keeps_what_was_typed(
    client, plan, goal, editor
):
    response = client.post(goal_url(plan, goal, "define"), {**NEW_INDICATOR, "name": "   "})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Ge indikatorn ett namn." in page
    assert 'value="Brukarundersökning"' in page
    assert 'aria-invalid="true"' in page
    assert not Indicator.objects.exists()


# Targets -----------------------------------------------------------------------------------

TARGET_CASES = [
    ({"kind": "value", "value": "70", "unit": "%"}, "70 %", Decimal("70"), "%"),
    ({"kind": "value", "value": "4,9", "unit": ""}, "4,9", Decimal("4.9"), ""),
    ({"kind": "value", "value": "1 500", "unit": "st"}, "1500 st", Decimal("1500"), "st"),
    (
        {"kind": "value", "value": "1.90", "unit": "kg  CO2 per kg livsmedel"},
        "1,9 kg CO2 per kg livsmedel",
        Decimal("1.9"),
        "kg CO2 per kg livsmedel",
    ),
    ({"kind": "value", "value": "−3", "unit": "%"}, "-3 %", Decimal("-3"), "%"),
    ({"kind": "maximum", "value": "10", "unit": "personer"}, "Max 10 personer", 10, "personer"),
    ({"kind": "minimum", "value": "80", "unit": "%"}, "Minst 80 %", Decimal("80"), "%"),
    ({"kind": "band", "value": "1", "unit": "%"}, "+/- 1 %", Decimal("1"), "%"),
    ({"kind": "set_by_council", "value": "", "unit": "%"}, "Tas fram av nämnd", None, ""),
    ({"kind": "increase", "value": "", "unit": "%"}, "öka", None, ""),
    ({"kind": "decrease", "value": "", "unit": "%"}, "minska", None, ""),
    ({"kind": "to_be_decided", "value": "", "unit": "%"}, "Fastställs 2026", None, ""),
    ({"kind": "none", "value": "", "unit": "%"}, "", None, ""),
]


@pytest.mark.parametrize(("data", "text", "value", "unit"), TARGET_CASES)
def test_setting_a_target_composes_the_text_plans_print(
    client, city, plan, goal, editor, data, text, value, unit
):
    indicator = factories.create_indicator(goal=goal)
    response = client.post(
        goal_url(plan, goal, "target", indicator), {**data, "comment": " Sätts i T1 "}
    )
    assert response["Location"] == goal_url(plan, goal)
    target = Target.objects.get(indicator=indicator, org_unit=city.unit, year=city.year)
    assert target.original_text == text
    assert (target.kind, target.value, target.unit) == (data["kind"], value, unit)
    assert target.comment == "Sätts i T1"
    # The composed text reads back as what was chosen.
    parsed = parse_target(target.original_text)
    assert (parsed.kind, parsed.value, parsed.unit) == (target.kind, target.value, target.unit)


@pytest.mark.parametrize("kind", sorted(TargetKind.values))
@pytest.mark.parametrize("number", ["0", "4.9", "-12.5", "1000000", "0.0001", "70"])
@pytest.mark.parametrize("unit", ["", "%", "st", "kg CO2 per kg livsmedel", "personer/år"])
def test_composed_targets_read_back_as_their_kind_value_and_unit(kind, number, unit):
    with_value = kind in {"value", "maximum", "minimum", "band"}
    value = Decimal(number) if with_value else None
    if kind == "band" and value is not None:
        value = abs(value)
    text = services.compose_target_text(
        kind=kind, value=value, unit=unit if with_value else "", year=2026
    )
    parsed = parse_target(text)
    assert (parsed.kind, parsed.value, parsed.unit) == (kind, value, unit if with_value else "")


def test_changing_a_target_corrects_the_current_version(client, city, plan, goal, editor):
    indicator = factories.create_indicator(goal=goal)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="60 %")
    url = goal_url(plan, goal, "target", indicator)
    form = client.get(url).content.decode()
    assert "nu ”60 %”" in form and 'value="60"' in form
    client.post(url, {"kind": "value", "value": "65", "unit": "%"})
    assert list(
        Target.objects.filter(indicator=indicator).values_list("version", "original_text")
    ) == [(1, "65 %")]


def test_the_target_form_starts_with_the_indicators_unit(client, plan, goal, editor):
    indicator = factories.create_indicator(unit="kr", goal=goal)
    form = client.get(goal_url(plan, goal, "target", indicator)).content.decode()
    assert 'name="unit" value="kr"' in form


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "value", "value": ""}, "Den här typen av mål behöver ett värde."),
        ({"kind": "band", "value": "-1"}, "Ett intervall anges som ett positivt tal"),
        ({"kind": "increase", "value": "5"}, "Den här typen av mål har inget värde."),
        ({"kind": "value", "value": "sju"}, "Skriv ett tal, till exempel 70 eller 4,9."),
        ({"kind": "value", "value": "1,23456"}, "decimaler"),
        ({"kind": "value", "value": "5", "unit": "2018 nivå"}, "Skriv enheten utan ett tal"),
    ],
)
def test_a_target_that_does_not_fit_its_kind_is_refused_and_keeps_the_input(
    client, city, plan, goal, editor, data, message
):
    indicator = factories.create_indicator(goal=goal)
    data = {"unit": "%", "comment": "Min kommentar", **data}
    response = client.post(goal_url(plan, goal, "target", indicator), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert "Min kommentar" in page
    assert 'aria-invalid="true"' in page
    assert not Target.objects.exists()


def test_setting_a_target_inline_returns_the_row_for_htmx(client, city, plan, goal, editor):
    indicator = factories.create_indicator(name="Andel nöjda", goal=goal)
    url = goal_url(plan, goal, "target", indicator)
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form.strip().startswith(f'<tr id="indicator-{indicator.pk}" class="editing">')
    refused = client.post(url, {"kind": "value", "value": ""}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    assert refused.content.decode().strip().startswith(f'<tr id="indicator-{indicator.pk}"')
    row = client.post(url, {"kind": "value", "value": "4,9", "unit": "%"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    assert row.content.decode().strip().startswith(f'<tr id="indicator-{indicator.pk}">')
    assert "4,9 %" in row.content.decode()


def test_a_unit_sets_its_own_target_under_a_council_goal_but_not_its_indicators(
    client, city, plan, council_goal, editor
):
    indicator = factories.create_indicator(name="Andel trygga", goal=council_goal)
    factories.create_target(indicator=indicator, org_unit=city.council, year=city.year, text="80 %")
    factories.include_goal(plan=plan, goal=council_goal, indicators=[])
    page = client.get(goal_url(plan, council_goal)).content.decode()
    assert "(visas inte i den här planen)" in page
    assert "Ta bort från målet" not in page and "Lägg till en indikator" not in page
    response = client.post(
        goal_url(plan, council_goal, "target", indicator),
        {"kind": "value", "value": "85", "unit": "%"},
    )
    assert response.status_code == 302
    assert Target.objects.get(org_unit=city.unit).original_text == "85 %"
    assert Target.objects.get(org_unit=city.council).original_text == "80 %"
    for name, data in [
        ("search", None),
        ("define", NEW_INDICATOR),
        ("attach", {"indicator": indicator.pk}),
    ]:
        url = goal_url(plan, council_goal, name)
        response = client.get(url, {"q": "a"}) if data is None else client.post(url, data)
        assert response.status_code == 403, name
    for name in ("move", "remove"):
        url = goal_url(plan, council_goal, name, indicator)
        assert client.post(url, {"direction": "up"}).status_code == 403, name
    assert council_goal.goal_indicators.count() == 1


def test_the_municipality_plan_sets_kf_targets_and_defines_kf_indicators(client, city):
    area = council_goal_of(city).parent
    kommun_plan = factories.create_plan(org_unit=city.municipality, year=city.year)
    indicator = factories.create_indicator(name="Andel som röstar", goal=area)
    kommun_editor = user_with(city, None)
    factories.create_membership(user=kommun_editor, org_unit=city.municipality, role=Role.EDITOR)
    client.force_login(kommun_editor)
    url = goal_url(kommun_plan, area, "target", indicator)
    assert "Ange KF:s årsmål" in client.get(url).content.decode()
    client.post(url, {"kind": "set_by_council", "value": ""})
    assert Target.objects.get(org_unit=city.municipality).original_text == "Tas fram av nämnd"
    # A redaktör of the kommun sets targets, but KF indicators are the administratör's.
    assert client.post(goal_url(kommun_plan, area, "define"), NEW_INDICATOR).status_code == 403
    administrator = user_with(city, None)
    factories.create_membership(
        user=administrator, org_unit=city.municipality, role=Role.ADMINISTRATOR
    )
    client.force_login(administrator)
    client.post(goal_url(kommun_plan, area, "define"), NEW_INDICATOR)
    defined = Indicator.objects.get(name=NEW_INDICATOR["name"])
    assert defined.owner_kind == OrgUnit.Kind.MUNICIPALITY
    # The unit's plan prints KF's target beside the indicator.
    unit_plan = factories.create_plan(org_unit=city.unit, year=city.year)
    factories.include_goal(plan=unit_plan, goal=area)
    client.force_login(user_with(city, Role.EDITOR))
    row = client.get(goal_url(unit_plan, area)).content.decode()
    row = row.split(f'id="indicator-{indicator.pk}"')[1].split("</tr>")[0]
    assert "Tas fram av nämnd" in row


# Access --------------------------------------------------------------------------------------


def indicator_endpoints(plan, goal):
    catalogue = factories.create_indicator(name="Katalogens indikator")

    def linked():
        return factories.create_indicator(goal=goal)

    both = ("GET", "POST")
    return {
        "goal page": (lambda: goal_url(plan, goal), ("GET",)),
        "search": (lambda: goal_url(plan, goal, "search") + "?q=katalog", ("GET",)),
        "attach": (lambda: goal_url(plan, goal, "attach"), ("POST",)),
        "define": (lambda: goal_url(plan, goal, "define"), both),
        "target": (lambda: goal_url(plan, goal, "target", linked()), both),
        "move": (lambda: goal_url(plan, goal, "move", linked()), ("POST",)),
        "remove": (lambda: goal_url(plan, goal, "remove", linked()), both),
    }, catalogue


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_indicator_editing_access_matrix(client, city, council_goal, case):
    role, place = case
    unit = unit_at(city, place)
    plan = factories.create_plan(org_unit=unit, year=city.year)
    goal = factories.create_goal(level="unit", owner=unit, year=city.year, parent=council_goal)
    client.force_login(user_with(city, role))
    allowed = may_edit_unit_plans(role, place)
    endpoints, catalogue = indicator_endpoints(plan, goal)
    # One body for every POST: "direction" is the new indicator's, and moves the row down.
    data = {**NEW_INDICATOR, "indicator": catalogue.pk, "kind": "value", "value": "70"}
    for name, (make_url, methods) in endpoints.items():
        for way, send in request_all_ways(client, make_url, data, methods):
            check_status(send(), allowed=allowed, label=f"{name} {way}")
    written = (
        Target.objects.filter(org_unit=unit, original_text="70 %").exists(),
        goal.goal_indicators.filter(indicator=catalogue).exists(),
        goal.goal_indicators.filter(indicator__name=NEW_INDICATOR["name"]).exists(),
    )
    assert written == (allowed, allowed, allowed)


def test_a_plan_that_is_not_a_draft_cannot_have_its_indicators_edited(client, plan, goal, editor):
    indicator = factories.create_indicator(goal=goal)
    plan.status = plan.Status.READY
    plan.save()
    assert client.get(goal_url(plan, goal)).status_code == 403
    response = client.post(goal_url(plan, goal, "target", indicator), {"kind": "increase"})
    assert response.status_code == 403
    assert not Target.objects.exists()


# Query budgets -------------------------------------------------------------------------------


def _grow(city, goal, size):
    """Indicators under the goal with targets at every level, more of the catalogue, and
    plans of units below the goal's owner that show the goal."""
    for n in range(size):
        indicator = factories.create_indicator(name=f"Trygghet {size}-{n}", goal=goal)
        factories.create_indicator(name=f"Trygghet i katalogen {size}-{n}")
        for unit, text in [(city.unit, "70 %"), (city.council, "60 %"), (city.municipality, "öka")]:
            factories.create_target(indicator=indicator, org_unit=unit, year=city.year, text=text)
        below = factories.create_org_unit(parent=goal.owner)
        factories.include_goal(
            plan=factories.create_plan(org_unit=below, year=city.year), goal=goal
        )


QUERY_VIEWS = {
    "goal page": lambda plan, goal, first: (goal_url(plan, goal), {}),
    "search partial": lambda plan, goal, first: (
        goal_url(plan, goal, "search") + "?q=trygghet",
        {"HTTP_HX_REQUEST": "true"},
    ),
    "search page": lambda plan, goal, first: (goal_url(plan, goal, "search") + "?q=trygghet", {}),
    "define page": lambda plan, goal, first: (goal_url(plan, goal, "define"), {}),
    "target page": lambda plan, goal, first: (goal_url(plan, goal, "target", first), {}),
    "target partial": lambda plan, goal, first: (
        goal_url(plan, goal, "target", first),
        {"HTTP_HX_REQUEST": "true"},
    ),
    "remove page": lambda plan, goal, first: (goal_url(plan, goal, "remove", first), {}),
}


@pytest.mark.parametrize("view", list(QUERY_VIEWS))
@pytest.mark.parametrize("shown_as", ["own goal", "included goal"])
def test_indicator_views_run_the_same_number_of_queries_at_two_sizes(
    client, city, plan, council_goal, view, shown_as
):
    if shown_as == "own goal":
        goal = factories.create_goal(
            level="unit", owner=city.unit, year=city.year, parent=council_goal
        )
        client.force_login(user_with(city, Role.EDITOR))
    else:
        # A granskare of the nämnd edits the unit's plan and the nämndmål it includes.
        goal = council_goal
        reviewer = user_with(city, None)
        factories.create_membership(user=reviewer, org_unit=city.council, role=Role.REVIEWER)
        client.force_login(reviewer)
    first = factories.create_indicator(name="Trygghet först", goal=goal)
    if shown_as == "included goal":
        factories.include_goal(plan=plan, goal=goal)

    def count():
        url, headers = QUERY_VIEWS[view](plan, goal, first)
        client.get(url, **headers)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, **headers).status_code == 200
        return len(queries)

    _grow(city, goal, 1)
    small = count()
    _grow(city, goal, 4)
    assert count() == small
