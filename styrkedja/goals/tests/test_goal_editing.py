"""Editing the goals a plan shows: the outline on the plan's edit page, adding, editing
(also inline, as htmx does), moving and deleting goals, and their expected results."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.goals import levels
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.org.models import OrgUnit, Role
from styrkedja.plans.models import Plan
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import (
    CASES,
    EDITING_ROLES,
    ROLES,
    case_id,
    check_status,
    may_edit_unit_plans,
    request_all_ways,
    unit_at,
    user_with,
)


@dataclass
class Chain:
    """KF:s inriktningsmål → KF area goal → the nämnd's nämndmål → the unit's enhetsmål."""

    direction: Goal
    area: Goal
    council_goal: Goal
    unit_goal: Goal


def council_goal_for(city, council, area, title=None):
    return factories.create_goal(
        level=levels.COUNCIL,
        owner=council,
        year=city.year,
        parent=area,
        number="1.1.1",
        title=title or f"Nämndmål för {council.name}",
        description="Hur nämnden arbetar.",
    )


@pytest.fixture
def chain(city):
    direction = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level=levels.AREA,
        owner=city.municipality,
        year=city.year,
        parent=direction,
        number="1.1",
        title="Alla barn växer upp i trygghet",
    )
    council_goal = council_goal_for(city, city.council, area, "Barn och unga mår bra")
    unit_goal = factories.create_goal(
        level=levels.UNIT,
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Familjer får stöd i tid",
        ways_of_working="Vi arbetar med tidiga insatser.",
        expected_results=["Väntetiden är kort", "Familjerna är nöjda", "Personalen är trygg"],
    )
    return Chain(direction, area, council_goal, unit_goal)


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def council_plan(city):
    return factories.create_plan(org_unit=city.council, year=city.year)


@pytest.fixture
def editor(client, city):
    user = user_with(city, Role.EDITOR)
    client.force_login(user)
    return user


def login_on(client, unit, role):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=unit, role=role)
    client.force_login(user)
    return user


def edit_page(client, plan):
    response = client.get(reverse("plans:edit", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def links_to(page, url):
    return f'href="{url}"' in page


def results_of(goal):
    return list(goal.expected_results.order_by("position", "pk").values_list("text", flat=True))


# The outline on the plan's edit page -----------------------------------------------------


def test_the_edit_page_outlines_the_goals_with_actions_on_the_units_own(
    client, plan, chain, editor
):
    page = edit_page(client, plan)
    goal = chain.unit_goal
    assert "Enhetsmål: Familjer får stöd i tid" in page
    assert links_to(page, reverse("goals:edit", args=[plan.pk, goal.pk]))
    assert links_to(page, reverse("goals:move", args=[plan.pk, goal.pk]))
    assert links_to(page, reverse("goals:delete", args=[plan.pk, goal.pk]))
    # The nämndmål is shown as a heading only: a redaktör does not edit nämndmål.
    assert "Nämndmål: 1.1.1 Barn och unga mår bra" in page
    assert not links_to(page, reverse("goals:edit", args=[plan.pk, chain.council_goal.pk]))
    assert "Lägg till enhetsmål" in page
    assert links_to(page, reverse("goals:create", args=[plan.pk, chain.council_goal.pk]))


def test_a_unit_plan_outline_leaves_out_kf_goals_without_nämndmål(client, plan, chain, editor):
    factories.create_goal(
        level=levels.AREA,
        owner=chain.area.owner,
        year=chain.area.year,
        parent=chain.direction,
        number="1.2",
        title="Ett område utan nämndmål",
    )
    assert "Ett område utan nämndmål" not in edit_page(client, plan)


def test_a_council_plan_offers_new_nämndmål_under_each_kf_area_goal_to_a_reviewer(
    client, city, council_plan, chain
):
    login_on(client, city.council, Role.REVIEWER)
    page = edit_page(client, council_plan)
    assert "Lägg till nämndmål" in page
    assert links_to(page, reverse("goals:create", args=[council_plan.pk, chain.area.pk]))
    assert links_to(page, reverse("goals:edit", args=[council_plan.pk, chain.council_goal.pk]))
    # KF's goals are for an administratör on the kommun node.
    assert not links_to(page, reverse("goals:edit", args=[council_plan.pk, chain.area.pk]))


def test_an_editor_on_the_council_edits_its_plan_but_not_its_nämndmål(
    client, city, council_plan, chain
):
    login_on(client, city.council, Role.EDITOR)
    page = edit_page(client, council_plan)
    assert "Nämndmål: 1.1.1 Barn och unga mår bra" in page
    assert not links_to(page, reverse("goals:edit", args=[council_plan.pk, chain.council_goal.pk]))
    assert "Lägg till nämndmål" not in page


# Adding goals ----------------------------------------------------------------------------


def test_an_editor_adds_an_enhetsmål_under_a_nämndmål(client, plan, chain, editor):
    url = reverse("goals:create", args=[plan.pk, chain.council_goal.pk])
    form = client.get(url).content.decode()
    assert "Arbetssätt" in form and "Utveckling" in form
    assert "Beskrivning" not in form and 'name="number"' not in form
    response = client.post(
        url,
        {
            "title": "Fler familjer får stöd",
            "ways_of_working": "Hembesök",
            "resource_use": "Två socionomer",
            "follow_up": "Varje tertial",
            "development": "",
        },
    )
    goal = Goal.objects.get(title="Fler familjer får stöd")
    assert response["Location"] == reverse("goals:edit", args=[plan.pk, goal.pk])
    assert (goal.level.code, goal.owner, goal.parent, goal.year) == (
        levels.UNIT,
        plan.org_unit,
        chain.council_goal,
        plan.year,
    )
    assert (goal.ways_of_working, goal.resource_use, goal.follow_up) == (
        "Hembesök",
        "Två socionomer",
        "Varje tertial",
    )
    assert goal.position > chain.unit_goal.position


def test_a_reviewer_adds_a_numbered_nämndmål_to_the_council_plan(client, city, council_plan, chain):
    login_on(client, city.council, Role.REVIEWER)
    url = reverse("goals:create", args=[council_plan.pk, chain.area.pk])
    assert "Beskrivning" in client.get(url).content.decode()
    client.post(url, {"title": "Äldre känner sig trygga", "number": " 1.1.2 ", "description": "Så"})
    goal = Goal.objects.get(title="Äldre känner sig trygga")
    assert (goal.level.code, goal.owner, goal.number, goal.description) == (
        levels.COUNCIL,
        city.council,
        "1.1.2",
        "Så",
    )


def test_a_goal_without_title_is_refused_and_keeps_what_was_typed(client, plan, chain, editor):
    response = client.post(
        reverse("goals:create", args=[plan.pk, chain.council_goal.pk]),
        {"title": "   ", "ways_of_working": "Mitt långa arbetssätt"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Skriv målet." in page
    assert "Målet sparades inte." in page
    assert "Mitt långa arbetssätt" in page
    assert 'aria-invalid="true"' in page
    assert not Goal.objects.filter(ways_of_working="Mitt långa arbetssätt").exists()


def test_no_goal_can_be_added_where_the_plans_unit_has_no_level(client, plan, chain, editor):
    # Below an enhetsmål there is no level, and below a KF area goal only nämndmål.
    for parent in (chain.unit_goal, chain.area):
        url = reverse("goals:create", args=[plan.pk, parent.pk])
        assert client.get(url).status_code == 404


# Editing goals ---------------------------------------------------------------------------


def test_the_goal_page_edits_title_and_texts_and_returns_to_the_plan(client, plan, chain, editor):
    goal = chain.unit_goal
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    page = client.get(url).content.decode()
    assert "Vi arbetar med tidiga insatser." in page and "Väntetiden är kort" in page
    response = client.post(
        url, {"title": "Familjer får stöd snabbt", "ways_of_working": "Nytt arbetssätt"}
    )
    assert response["Location"] == reverse("plans:edit", args=[plan.pk]) + f"#goal-{goal.pk}"
    goal.refresh_from_db()
    assert (goal.title, goal.ways_of_working) == ("Familjer får stöd snabbt", "Nytt arbetssätt")


def test_editing_inline_returns_the_outline_row_for_htmx(client, plan, chain, editor):
    goal = chain.unit_goal
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form.strip().startswith(f'<div id="goal-{goal.pk}"')
    assert "Vi arbetar med tidiga insatser." in form
    row = client.post(
        url, {"title": "Nytt namn", "follow_up": "Tertialvis"}, HTTP_HX_REQUEST="true"
    )
    assert row.status_code == 200
    html = row.content.decode()
    assert html.strip().startswith(f'<div id="goal-{goal.pk}"')
    assert "Enhetsmål: Nytt namn" in html and "<form" not in html
    goal.refresh_from_db()
    assert (goal.title, goal.follow_up) == ("Nytt namn", "Tertialvis")


def test_an_invalid_inline_edit_comes_back_with_its_errors(client, plan, chain, editor):
    url = reverse("goals:edit", args=[plan.pk, chain.unit_goal.pk])
    response = client.post(url, {"title": "", "ways_of_working": "Behålls"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Skriv målet." in html and "Behålls" in html
    chain.unit_goal.refresh_from_db()
    assert chain.unit_goal.title == "Familjer får stöd i tid"


def test_a_text_the_level_does_not_print_is_still_editable_when_filled(client, plan, chain, editor):
    goal = chain.unit_goal
    goal.description = "Importerad beskrivning"
    goal.save()
    page = client.get(reverse("goals:edit", args=[plan.pk, goal.pk])).content.decode()
    assert "Beskrivning" in page and "Importerad beskrivning" in page


def test_a_numbered_enhetsmål_keeps_its_number_editable(client, plan, chain, editor):
    goal = chain.unit_goal
    Goal.objects.filter(pk=goal.pk).update(number="4")
    page = client.get(reverse("goals:edit", args=[plan.pk, goal.pk])).content.decode()
    assert 'name="number"' in page and 'value="4"' in page


# Expected results ------------------------------------------------------------------------


def test_expected_results_are_added_for_htmx_and_for_a_plain_browser(client, plan, chain, editor):
    goal = chain.unit_goal
    url = reverse("goals:result_add", args=[plan.pk, goal.pk])
    listing = client.post(url, {"new-text": " Fler hembesök "}, HTTP_HX_REQUEST="true")
    assert listing.status_code == 200
    assert listing.content.decode().strip().startswith('<div id="expected-results">')
    assert "Fler hembesök" in listing.content.decode()
    response = client.post(url, {"new-text": "Kortare köer"})
    assert response["Location"].startswith(reverse("goals:edit", args=[plan.pk, goal.pk]))
    assert results_of(goal)[-2:] == ["Fler hembesök", "Kortare köer"]


def test_an_empty_expected_result_is_refused(client, plan, chain, editor):
    goal = chain.unit_goal
    url = reverse("goals:result_add", args=[plan.pk, goal.pk])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(url, {"new-text": "  "}, **headers)
        assert response.status_code == 422
        assert "Skriv det förväntade resultatet." in response.content.decode()
    assert len(results_of(goal)) == 3


def test_an_expected_result_is_edited_inline_and_without_javascript(client, plan, chain, editor):
    goal = chain.unit_goal
    result = goal.expected_results.get(text="Familjerna är nöjda")
    url = reverse("goals:result_edit", args=[plan.pk, goal.pk, result.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'action="{url}"' in form and "Familjerna är nöjda</textarea>" in form
    assert f'action="{url}"' in client.get(url).content.decode()
    refused = client.post(url, {"result-text": ""}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    assert "Skriv det förväntade resultatet." in refused.content.decode()
    listing = client.post(url, {"result-text": "Nöjdare familjer"}, HTTP_HX_REQUEST="true")
    assert "Nöjdare familjer" in listing.content.decode()
    response = client.post(url, {"result-text": "Mycket nöjda familjer"})
    assert response.status_code == 302
    assert results_of(goal)[1] == "Mycket nöjda familjer"


def test_expected_results_move_up_and_down(client, plan, chain, editor):
    goal = chain.unit_goal
    last = goal.expected_results.get(text="Personalen är trygg")
    url = reverse("goals:result_move", args=[plan.pk, goal.pk, last.pk])
    client.post(url, {"direction": "up"})
    assert results_of(goal) == ["Väntetiden är kort", "Personalen är trygg", "Familjerna är nöjda"]
    listing = client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert 'id="expected-results"' in listing.content.decode()
    client.post(url, {"direction": "up"})  # Already first: nothing moves.
    assert results_of(goal) == ["Personalen är trygg", "Väntetiden är kort", "Familjerna är nöjda"]
    client.post(url, {"direction": "down"})
    assert results_of(goal)[1] == "Personalen är trygg"


def test_an_expected_result_is_removed(client, plan, chain, editor):
    goal = chain.unit_goal
    result = goal.expected_results.get(text="Väntetiden är kort")
    url = reverse("goals:result_remove", args=[plan.pk, goal.pk, result.pk])
    listing = client.post(url, HTTP_HX_REQUEST="true")
    assert listing.status_code == 200 and "Väntetiden är kort" not in listing.content.decode()
    assert results_of(goal) == ["Familjerna är nöjda", "Personalen är trygg"]


def test_an_expected_result_other_plans_show_is_not_removed(client, city, council_plan, chain):
    login_on(client, city.council, Role.REVIEWER)
    goal = chain.council_goal
    result = factories.create_expected_result(goal=goal, text="Fler barn är trygga")
    unit_plan = factories.create_plan(org_unit=city.unit, year=city.year)
    factories.include_goal(plan=unit_plan, goal=goal, expected_results=[result])
    url = reverse("goals:result_remove", args=[council_plan.pk, goal.pk, result.pk])
    response = client.post(url)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Andra planer visar det här förväntade resultatet" in page
    assert "Familjeenheten" in page
    assert ExpectedResult.objects.filter(pk=result.pk).exists()


def test_an_expected_result_of_another_goal_is_not_found(client, plan, chain, editor):
    other = factories.create_goal(
        level=levels.UNIT, owner=plan.org_unit, year=plan.year, parent=chain.council_goal
    )
    foreign = factories.create_expected_result(goal=other, text="Annat mål")
    url = reverse("goals:result_edit", args=[plan.pk, chain.unit_goal.pk, foreign.pk])
    assert client.get(url).status_code == 404


# Moving goals ----------------------------------------------------------------------------


def test_an_enhetsmål_moves_to_another_nämndmål_of_its_nämnd(client, city, plan, chain, editor):
    other = council_goal_for(city, city.council, chain.area, "Unga har en meningsfull fritid")
    url = reverse("goals:move", args=[plan.pk, chain.unit_goal.pk])
    page = client.get(url).content.decode()
    assert "Unga har en meningsfull fritid" in page and "Barn och unga mår bra" in page
    response = client.post(url, {"parent": other.pk})
    assert response["Location"].startswith(reverse("plans:edit", args=[plan.pk]))
    chain.unit_goal.refresh_from_db()
    assert chain.unit_goal.parent == other


def test_a_goal_cannot_move_to_a_goal_of_another_nämnd_or_level(client, city, plan, chain, editor):
    elsewhere = council_goal_for(city, city.other_council, chain.area, "Kulturnämndens mål")
    url = reverse("goals:move", args=[plan.pk, chain.unit_goal.pk])
    assert "Kulturnämndens mål" not in client.get(url).content.decode()
    for refused in (elsewhere, chain.area):
        response = client.post(url, {"parent": refused.pk})
        assert response.status_code == 422
        assert "Välj ett av målen i listan" in response.content.decode()
    chain.unit_goal.refresh_from_db()
    assert chain.unit_goal.parent == chain.council_goal


# Deleting goals --------------------------------------------------------------------------


def test_deleting_a_goal_lists_what_goes_with_it_and_asks_first(client, plan, chain, editor):
    goal = chain.unit_goal
    factories.create_activity(goal=goal, text="Starta föräldragrupper")
    factories.create_indicator(name="Andel nöjda föräldrar", goal=goal)
    url = reverse("goals:delete", args=[plan.pk, goal.pk])
    page = client.get(url).content.decode()
    for shown in ("Vill du ta bort målet?", "Väntetiden är kort", "Starta föräldragrupper"):
        assert shown in page
    assert "Andel nöjda föräldrar" in page
    assert Goal.objects.filter(pk=goal.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("plans:edit", args=[plan.pk])
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert not ExpectedResult.objects.filter(goal_id=goal.pk).exists()


def test_a_nämndmål_with_enhetsmål_of_units_is_not_deleted(client, city, council_plan, chain):
    login_on(client, city.council, Role.REVIEWER)
    url = reverse("goals:delete", args=[council_plan.pk, chain.council_goal.pk])
    page = client.get(url).content.decode()
    assert "Målet kan inte tas bort." in page
    assert "Andra organisationsenheter har mål som bidrar till det här målet" in page
    assert "Familjer får stöd i tid (Familjeenheten)" in page
    assert client.post(url).status_code == 422
    assert Goal.objects.filter(pk=chain.council_goal.pk).exists()


def test_a_goal_that_other_plans_include_is_not_deleted(client, city, council_plan, chain):
    login_on(client, city.council, Role.REVIEWER)
    lone = council_goal_for(city, city.council, chain.area, "Ett nämndmål utan enhetsmål")
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=city.year)
    factories.include_goal(plan=sibling_plan, goal=lone)
    url = reverse("goals:delete", args=[council_plan.pk, lone.pk])
    response = client.post(url)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Andra planer visar målet eller något som hör till det" in page
    assert "Vuxenenheten" in page
    assert Goal.objects.filter(pk=lone.pk).exists()


def test_deleting_a_goal_takes_the_owners_goals_below_it(client, city, council_plan, chain):
    login_on(client, city.council, Role.REVIEWER)
    # A city where the nämnd's goals have sub-goals of its own (levels are data).
    deeper = council_goal_for(city, city.council, chain.area, "Huvudmål")
    level = factories.goal_level(levels.COUNCIL)
    level.owner_kind = ""
    level.save()
    sub_level = factories.goal_level(levels.UNIT)
    sub_level.owner_kind = OrgUnit.Kind.COUNCIL
    sub_level.save()
    below = factories.create_goal(
        level=sub_level, owner=city.council, year=city.year, parent=deeper, title="Delmål"
    )
    page = client.get(reverse("goals:delete", args=[council_plan.pk, deeper.pk])).content
    assert "Delmål" in page.decode()
    client.post(reverse("goals:delete", args=[council_plan.pk, deeper.pk]))
    assert not Goal.objects.filter(pk__in=[deeper.pk, below.pk]).exists()


# Access ----------------------------------------------------------------------------------


def test_goals_the_plan_does_not_show_are_not_found(client, city, plan, chain, editor):
    sibling_goal = factories.create_goal(
        level=levels.UNIT, owner=city.sibling, year=city.year, parent=chain.council_goal
    )
    next_year = factories.get_or_create_year(number=2027)
    direction = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=next_year
    )
    area = factories.create_goal(
        level=levels.AREA, owner=city.municipality, year=next_year, parent=direction
    )
    council_goal = factories.create_goal(
        level=levels.COUNCIL, owner=city.council, year=next_year, parent=area
    )
    later = factories.create_goal(
        level=levels.UNIT, owner=city.unit, year=next_year, parent=council_goal
    )
    for goal in (sibling_goal, later):
        assert client.get(reverse("goals:edit", args=[plan.pk, goal.pk])).status_code == 404
    create_later = reverse("goals:create", args=[plan.pk, council_goal.pk])
    assert client.get(create_later).status_code == 404


def test_only_an_administrator_on_the_municipality_edits_kf_goals(
    client, city, council_plan, chain
):
    url = reverse("goals:edit", args=[council_plan.pk, chain.area.pk])
    login_on(client, city.council, Role.ADMINISTRATOR)
    assert client.get(url).status_code == 403
    login_on(client, city.municipality, Role.ADMINISTRATOR)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Alla barn växer upp tryggt", "number": "1.1"})
    assert response.status_code == 302
    chain.area.refresh_from_db()
    assert chain.area.title == "Alla barn växer upp tryggt"


def test_goals_of_a_plan_that_is_not_a_draft_cannot_be_edited(client, plan, chain, editor):
    plan.status = Plan.Status.READY
    plan.save()
    response = client.get(reverse("goals:edit", args=[plan.pk, chain.unit_goal.pk]))
    assert response.status_code == 403
    assert "kan inte längre ändras" in response.content.decode()


MATRIX_DATA = {
    "title": "Nytt mål från matrisen",
    "ways_of_working": "x",
    "description": "x",
    "direction": "up",
    "new-text": "Nytt resultat från matrisen",
    "result-text": "Ändrat resultat från matrisen",
}


def goal_endpoints(plan, make_goal, parent=None):
    """Every goal view and partial, each building its goal afresh; with `parent`, also
    the page that adds a goal under it."""

    def goal_url(name):
        return lambda: reverse(name, args=[plan.pk, make_goal().pk])

    def result_url(name):
        def make():
            goal = make_goal()
            result = factories.create_expected_result(goal=goal, text="Ett resultat")
            return reverse(name, args=[plan.pk, goal.pk, result.pk])

        return make

    both, post = ("GET", "POST"), ("POST",)
    endpoints = {
        "edit page": (lambda: reverse("plans:edit", args=[plan.pk]), ("GET",)),
        "edit goal": (goal_url("goals:edit"), both),
        "move goal": (goal_url("goals:move"), both),
        "delete goal": (goal_url("goals:delete"), both),
        "add result": (goal_url("goals:result_add"), post),
        "edit result": (result_url("goals:result_edit"), both),
        "move result": (result_url("goals:result_move"), post),
        "remove result": (result_url("goals:result_remove"), post),
    }
    if parent is not None:
        endpoints["new goal"] = (lambda: reverse("goals:create", args=[plan.pk, parent.pk]), both)
    return endpoints


def assert_nothing_written():
    assert not Goal.objects.filter(title=MATRIX_DATA["title"]).exists()
    assert not ExpectedResult.objects.filter(
        text__in=[MATRIX_DATA["new-text"], MATRIX_DATA["result-text"]]
    ).exists()


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_enhetsmål_editing_access_matrix(client, city, chain, case):
    role, place = case
    unit = unit_at(city, place)
    council = city.other_council if place == "other council" else city.council
    council_goal = council_goal_for(city, council, chain.area)
    plan = factories.create_plan(org_unit=unit, year=city.year)
    client.force_login(user_with(city, role))
    allowed = may_edit_unit_plans(role, place)

    def unit_goal():
        return factories.create_goal(
            level=levels.UNIT, owner=unit, year=city.year, parent=council_goal
        )

    for name, (make_url, methods) in goal_endpoints(plan, unit_goal, council_goal).items():
        for way, send in request_all_ways(client, make_url, MATRIX_DATA, methods):
            check_status(send(), allowed=allowed, label=f"{name} {way}")
    if not allowed:
        assert_nothing_written()


COUNCIL_PLACES = ("own council", "unit below", "other council")
COUNCIL_CASES = [(role, place) for role in ROLES for place in COUNCIL_PLACES]


def may_edit_council_goals(role, place):
    """Nämndmål: granskare and up on the nämnd, through its own plan or a plan of a unit
    below it (which shows them above its enhetsmål); a redaktör edits the plans only."""
    return role in {Role.REVIEWER, Role.ADMINISTRATOR} and place != "other council"


@pytest.mark.parametrize("case", COUNCIL_CASES, ids=case_id)
def test_nämndmål_editing_access_matrix(client, city, chain, case):
    role, place = case
    council = city.other_council if place == "other council" else city.council
    plan_unit = city.unit if place == "unit below" else council
    plan = factories.create_plan(org_unit=plan_unit, year=city.year)
    user = factories.create_user()
    if role is not None:
        factories.create_membership(user=user, org_unit=city.council, role=role)
    client.force_login(user)
    allowed = may_edit_council_goals(role, place)

    def council_goal():
        return council_goal_for(city, council, chain.area)

    # New nämndmål are added in the nämnd's plan; a unit plan adds enhetsmål there instead.
    parent = chain.area if plan_unit.kind == OrgUnit.Kind.COUNCIL else None
    for name, (make_url, methods) in goal_endpoints(plan, council_goal, parent).items():
        if name == "edit page":
            # The page itself follows the plan rule: a redaktör on the nämnd may open it.
            page_allowed = role in EDITING_ROLES and place != "other council"
            for way, send in request_all_ways(client, make_url, MATRIX_DATA, methods):
                check_status(send(), allowed=page_allowed, label=f"{name} {way}")
            continue
        for way, send in request_all_ways(client, make_url, MATRIX_DATA, methods):
            check_status(send(), allowed=allowed, label=f"{name} {way}")
    if not allowed:
        assert_nothing_written()


# Query budget ----------------------------------------------------------------------------


def grow(city, chain, plan, n):
    """More of everything the outline and the goal page touch: KF goals, nämndmål,
    enhetsmål, expected results, activities, indicators, sections and units."""
    for i in range(n):
        area = factories.create_goal(
            level=levels.AREA,
            owner=city.municipality,
            year=city.year,
            parent=chain.direction,
            number=f"1.{i + 2}",
        )
        council_goal = council_goal_for(city, city.council, area, f"Nämndmål {i}")
        goal = factories.create_goal(
            level=levels.UNIT,
            owner=city.unit,
            year=city.year,
            parent=council_goal,
            expected_results=[f"Resultat {i}"],
        )
        factories.create_activity(goal=goal)
        factories.create_indicator(goal=goal)
        factories.create_expected_result(goal=chain.unit_goal, text=f"Ytterligare {i}")
        factories.create_activity(goal=chain.unit_goal)
        factories.create_section(plan=plan, heading=f"Avsnitt {i}")
        factories.create_org_unit(name=f"Underenhet {i}", parent=city.unit)


@pytest.mark.parametrize("view", ["edit page", "edit goal"])
def test_goal_views_run_the_same_number_of_queries_at_two_sizes(
    client, city, plan, chain, editor, view
):
    urls = {
        "edit page": reverse("plans:edit", args=[plan.pk]),
        "edit goal": reverse("goals:edit", args=[plan.pk, chain.unit_goal.pk]),
    }

    def count():
        client.get(urls[view])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(urls[view]).status_code == 200
        return len(queries)

    small = count()
    grow(city, chain, plan, 4)
    assert count() == small
