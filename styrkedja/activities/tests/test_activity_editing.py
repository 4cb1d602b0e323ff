"""Editing a goal's activities from a plan: add, edit (also inline, as htmx does), reorder,
delete, warn about dates outside the year, and for a nämndmål choose the units that carry
each activity out."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.activities.models import Activity
from styrkedja.org.models import OrgUnit, Role
from styrkedja.plans.models import Plan, PlanActivity
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import (
    CASES,
    ROLES,
    case_id,
    check_status,
    may_edit_unit_plans,
    request_all_ways,
    unit_at,
    user_with,
)

ACTIVITY_DATA = {
    "text": "Vi inför digitala besök",
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
}


def council_of(city, unit):
    return city.other_council if unit == city.other_unit else city.council


def goal_chain(city, unit):
    """KF inriktningsmål → KF mål → the nämndmål of the unit's nämnd → the unit's enhetsmål."""
    council = council_of(city, unit)
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.1", parent=direction
    )
    council_goal = factories.create_goal(
        level="council", owner=council, year=city.year, number="1.1.1", parent=area
    )
    unit_goal = factories.create_goal(level="unit", owner=unit, year=city.year, parent=council_goal)
    return area, council_goal, unit_goal


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def goals(city):
    return goal_chain(city, city.unit)


@pytest.fixture
def unit_goal(goals):
    return goals[2]


@pytest.fixture
def council_goal(goals):
    return goals[1]


@pytest.fixture
def editor(client, city):
    user = user_with(city, Role.EDITOR)
    client.force_login(user)
    return user


@pytest.fixture
def council_reviewer(client, city):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.council, role=Role.REVIEWER)
    client.force_login(user)
    return user


def url(name, plan, goal, *more):
    return reverse(f"activities:{name}", args=[plan.pk, goal.pk, *more])


def test_an_editor_adds_an_activity_last_under_the_units_goal(client, plan, unit_goal, editor):
    first = factories.create_activity(goal=unit_goal, text="Först", position=4)
    response = client.post(url("create", plan, unit_goal), ACTIVITY_DATA)
    added = unit_goal.activities.exclude(pk=first.pk).get()
    assert response.status_code == 302
    assert response["Location"] == url("goal", plan, unit_goal) + f"#activity-{added.pk}"
    assert (added.text, added.starts_on, added.ends_on) == (
        "Vi inför digitala besök",
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert list(unit_goal.activities.all()) == [first, added]


def test_the_goal_page_lists_the_activities_as_the_plan_prints_them(
    client, plan, unit_goal, editor
):
    factories.create_activity(
        goal=unit_goal,
        text="Brukarråd varje tertial",
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 11, 30),
    )
    page = client.get(url("goal", plan, unit_goal)).content.decode()
    assert '<th scope="col">Aktivitet</th>' in page
    assert "Startdatum" in page and "Slutdatum" in page
    assert "Brukarråd varje tertial" in page
    assert "2026-02-01" in page and "2026-11-30" in page
    assert "Utförs av" not in page  # an enhetsmål's activities are the unit's own


def test_an_end_date_before_the_start_is_refused_next_to_the_end_field(
    client, plan, unit_goal, editor
):
    response = client.post(
        url("create", plan, unit_goal),
        {"text": "Min aktivitet", "starts_on": "2026-06-01", "ends_on": "2026-05-01"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_ends_on_error"><p>Slutdatumet kan inte ligga före startdatumet.' in page
    assert "Min aktivitet" in page and 'value="2026-06-01"' in page
    assert 'aria-invalid="true"' in page
    assert not unit_goal.activities.exists()


def test_an_activity_without_text_is_refused(client, plan, unit_goal, editor):
    response = client.post(url("create", plan, unit_goal), {"text": "  ", "starts_on": ""})
    assert response.status_code == 422
    assert "Skriv vad aktiviteten är." in response.content.decode()
    assert not unit_goal.activities.exists()


def test_dates_outside_the_plans_year_are_saved_with_a_warning(client, plan, unit_goal, editor):
    response = client.post(
        url("create", plan, unit_goal),
        {"text": "Flerårigt projekt", "starts_on": "2026-03-01", "ends_on": "2027-08-31"},
        follow=True,
    )
    assert response.status_code == 200
    activity = unit_goal.activities.get()
    assert activity.ends_on == datetime.date(2027, 8, 31)
    page = response.content.decode()
    assert "Slutdatum ligger utanför planens år 2026." in page
    assert "Startdatum ligger utanför" not in page


def test_editing_inline_returns_the_row_for_htmx_and_a_redirect_otherwise(
    client, plan, unit_goal, editor
):
    activity = factories.create_activity(goal=unit_goal, text="Gammal text")
    edit_url = url("edit", plan, unit_goal, activity.pk)
    form = client.get(edit_url, HTTP_HX_REQUEST="true").content.decode()
    assert form.strip().startswith(f'<tr id="activity-{activity.pk}"')
    assert "Gammal text" in form
    data = {"text": "Ny text", "starts_on": "2025-12-01", "ends_on": ""}
    row = client.post(edit_url, data, HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    html = row.content.decode()
    assert html.strip().startswith(f'<tr id="activity-{activity.pk}"')
    assert "Ny text" in html and "Startdatum ligger utanför planens år 2026." in html
    activity.refresh_from_db()
    assert (activity.text, activity.starts_on, activity.ends_on) == (
        "Ny text",
        datetime.date(2025, 12, 1),
        None,
    )
    assert client.post(edit_url, data)["Location"] == (
        url("goal", plan, unit_goal) + f"#activity-{activity.pk}"
    )
    assert "Ny text" in client.get(edit_url).content.decode()


def test_an_invalid_inline_edit_comes_back_with_its_errors_and_changes_nothing(
    client, plan, unit_goal, editor
):
    activity = factories.create_activity(goal=unit_goal, text="Oförändrad")
    response = client.post(
        url("edit", plan, unit_goal, activity.pk),
        {"text": "Ändrad", "starts_on": "2026-09-01", "ends_on": "2026-01-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="activity-{activity.pk}"')
    assert "Slutdatumet kan inte ligga före startdatumet." in html and "Ändrad" in html
    activity.refresh_from_db()
    assert activity.text == "Oförändrad"


def test_activities_move_up_and_down(client, plan, unit_goal, editor):
    first = factories.create_activity(goal=unit_goal, text="Ett")
    second = factories.create_activity(goal=unit_goal, text="Två")
    third = factories.create_activity(goal=unit_goal, text="Tre")
    client.post(url("move", plan, unit_goal, third.pk), {"direction": "up"})
    assert list(unit_goal.activities.all()) == [first, third, second]
    response = client.post(
        url("move", plan, unit_goal, first.pk), {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<div id="activity-list">')
    assert list(unit_goal.activities.all()) == [third, first, second]
    # The last one cannot go further down.
    client.post(url("move", plan, unit_goal, second.pk), {"direction": "down"})
    assert list(unit_goal.activities.all()) == [third, first, second]


def test_deleting_an_activity_asks_first_and_takes_it_out_of_draft_plans(
    client, city, plan, council_goal, council_reviewer
):
    activity = factories.create_activity(
        goal=council_goal, text="Gemensam aktivitet", assigned_units=[city.unit]
    )
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=city.year)
    factories.include_goal(plan=sibling_plan, goal=council_goal, activities=[activity])
    delete_url = url("delete", plan, council_goal, activity.pk)
    confirm = client.get(delete_url).content.decode()
    assert "Vill du ta bort aktiviteten ”Gemensam aktivitet”" in confirm
    assert "Den är tilldelad 1 enhet." in confirm
    assert str(sibling_plan) in confirm
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert client.post(delete_url)["Location"] == url("goal", plan, council_goal)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not PlanActivity.objects.exists()


def test_an_activity_that_a_decided_plan_shows_is_not_deleted(
    client, city, plan, council_goal, council_reviewer
):
    activity = factories.create_activity(goal=council_goal, text="Beslutad")
    decided = factories.create_plan(
        org_unit=city.sibling, year=city.year, status=Plan.Status.ADOPTED
    )
    factories.include_goal(plan=decided, goal=council_goal, activities=[activity])
    delete_url = url("delete", plan, council_goal, activity.pk)
    assert "Aktiviteten kan inte tas bort" in client.get(delete_url).content.decode()
    response = client.post(delete_url)
    assert response.status_code == 409
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_the_committee_chooses_its_units_in_swedish_order(
    client, city, plan, council_goal, council_reviewer
):
    # Units of the nämnd, directly and below its avdelning, in another order than Swedish.
    oster = factories.create_org_unit(name="Östermalmsenheten", parent=city.department)
    angen = factories.create_org_unit(name="Ängsenheten", parent=city.council)
    zeta = factories.create_org_unit(name="Zetaenheten", parent=city.department)
    factories.create_org_unit(
        name="Nedlagda enheten", parent=city.department, valid_to=datetime.date(2025, 12, 31)
    )
    page = client.get(url("create", plan, council_goal)).content.decode()
    assert "Utförs av" in page
    names = [
        "Familjebehandlarna",
        "Familjeenheten",
        "Vuxenenheten",
        "Zetaenheten",
        "Ängsenheten",
        "Östermalmsenheten",
    ]
    positions = [page.index(f">{name}</label>") for name in names]
    assert positions == sorted(positions)
    # Not the avdelning, not another nämnd's units, not units closed before the year.
    assert "Socialtjänstavdelningen</label>" not in page
    assert "Biblioteksenheten" not in page and "Nedlagda enheten" not in page

    client.post(
        url("create", plan, council_goal),
        {**ACTIVITY_DATA, "units": [zeta.pk, oster.pk]},
    )
    activity = council_goal.activities.get()
    assert set(activity.assigned_units.all()) == {zeta, oster}

    client.post(
        url("edit", plan, council_goal, activity.pk),
        {**ACTIVITY_DATA, "units": [angen.pk, zeta.pk]},
    )
    assert set(activity.assigned_units.all()) == {angen, zeta}
    listing = client.get(url("goal", plan, council_goal)).content.decode()
    assert "Zetaenheten, Ängsenheten" in listing


def test_a_unit_of_another_committee_cannot_be_assigned(
    client, city, plan, council_goal, council_reviewer
):
    response = client.post(
        url("create", plan, council_goal), {**ACTIVITY_DATA, "units": [city.other_unit.pk]}
    )
    assert response.status_code == 422
    assert not council_goal.activities.exists()


def test_a_units_editor_cannot_change_the_committees_activities(client, plan, council_goal, editor):
    activity = factories.create_activity(goal=council_goal)
    assert client.get(url("goal", plan, council_goal)).status_code == 403
    assert client.post(url("create", plan, council_goal), ACTIVITY_DATA).status_code == 403
    assert client.post(url("delete", plan, council_goal, activity.pk)).status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize(
    ("role", "on", "allowed"),
    [
        (Role.ADMINISTRATOR, "municipality", True),
        (Role.REVIEWER, "municipality", False),
        (Role.ADMINISTRATOR, "council", False),
    ],
)
def test_only_the_municipalitys_administrator_changes_kf_activities(
    client, city, goals, role, on, allowed
):
    area = goals[0]
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=getattr(city, on), role=role)
    client.force_login(user)
    response = client.post(url("create", council_plan, area), ACTIVITY_DATA)
    assert response.status_code == (302 if allowed else 403)
    assert area.activities.exists() == allowed


def test_goals_of_other_years_and_other_units_are_not_found(client, city, plan, editor):
    other_year = factories.get_or_create_year(number=2027)
    _area, council_goal, _unit_goal = goal_chain(city, city.sibling)
    sibling_goal = council_goal.children.get()
    later = factories.create_goal(
        level="direction", owner=city.municipality, year=other_year, number="1"
    )
    assert client.get(url("goal", plan, sibling_goal)).status_code == 404
    assert client.get(url("goal", plan, later)).status_code == 404


def test_an_activity_of_another_goal_is_not_found(client, city, plan, unit_goal, editor):
    other_goal = factories.create_goal(
        level="unit", owner=city.unit, year=city.year, parent=unit_goal.parent
    )
    activity = factories.create_activity(goal=other_goal)
    assert client.get(url("edit", plan, unit_goal, activity.pk)).status_code == 404


def test_activities_of_a_plan_that_is_not_a_draft_cannot_be_edited(client, plan, unit_goal, editor):
    plan.status = Plan.Status.APPROVED
    plan.save()
    assert client.get(url("goal", plan, unit_goal)).status_code == 403


# The access matrix ------------------------------------------------------------------------


def activity_endpoints(plan, goal):
    def activity():
        return factories.create_activity(goal=goal, text="Aktivitet")

    both = ("GET", "POST")
    return {
        "goal page": (lambda: url("goal", plan, goal), ("GET",)),
        "new activity": (lambda: url("create", plan, goal), both),
        "edit activity": (lambda: url("edit", plan, goal, activity().pk), both),
        "move activity": (lambda: url("move", plan, goal, activity().pk), ("POST",)),
        "delete activity": (lambda: url("delete", plan, goal, activity().pk), both),
    }


def check_all_endpoints(client, plan, goal, *, allowed):
    data = {**ACTIVITY_DATA, "direction": "up"}
    for name, (make_url, methods) in activity_endpoints(plan, goal).items():
        for way, send in request_all_ways(client, make_url, data, methods):
            check_status(send(), allowed=allowed, label=f"{name} {way}")
    if not allowed:
        assert set(goal.activities.values_list("text", flat=True)) <= {"Aktivitet"}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_activities_of_a_units_goal_access_matrix(client, city, case):
    """Enhetsmål: the plan rule, redaktör and up on the unit and the units below it."""
    role, place = case
    unit = unit_at(city, place)
    plan = factories.create_plan(org_unit=unit, year=city.year)
    unit_goal = goal_chain(city, unit)[2]
    client.force_login(user_with(city, role))
    check_all_endpoints(client, plan, unit_goal, allowed=may_edit_unit_plans(role, place))


COUNCIL_PLACES = ("committee's plan", "plan of a unit of the committee", "other committee")
COUNCIL_CASES = [(role, place) for role in ROLES for place in COUNCIL_PLACES]


def may_edit_council_goals(role, place):
    """Nämndmål: granskare and administratör on the nämnd, from its plan or its units' plans."""
    return role in (Role.REVIEWER, Role.ADMINISTRATOR) and place != "other committee"


@pytest.mark.parametrize("case", COUNCIL_CASES, ids=case_id)
def test_activities_of_a_committees_goal_access_matrix(client, city, case):
    role, place = case
    plan_unit, goal_unit = {
        "committee's plan": (city.council, city.unit),
        "plan of a unit of the committee": (city.unit, city.unit),
        "other committee": (city.other_council, city.other_unit),
    }[place]
    plan = factories.create_plan(org_unit=plan_unit, year=city.year)
    council_goal = goal_chain(city, goal_unit)[1]
    user = factories.create_user()
    if role is not None:
        factories.create_membership(user=user, org_unit=city.council, role=role)
    client.force_login(user)
    check_all_endpoints(client, plan, council_goal, allowed=may_edit_council_goals(role, place))


# Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "view", ["goal page", "goal page htmx", "new activity", "edit activity", "edit htmx", "delete"]
)
def test_activity_views_run_the_same_number_of_queries_at_two_sizes(
    client, city, plan, council_goal, council_reviewer, view
):
    first = factories.create_activity(goal=council_goal, assigned_units=[city.unit])
    factories.include_goal(plan=plan, goal=council_goal, activities=[first])
    make_url, htmx = {
        "goal page": (lambda: url("goal", plan, council_goal), False),
        "goal page htmx": (lambda: url("goal", plan, council_goal), True),
        "new activity": (lambda: url("create", plan, council_goal), False),
        "edit activity": (lambda: url("edit", plan, council_goal, first.pk), False),
        "edit htmx": (lambda: url("edit", plan, council_goal, first.pk), True),
        "delete": (lambda: url("delete", plan, council_goal, first.pk), False),
    }[view]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    def count():
        client.get(make_url(), **headers)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(make_url(), **headers).status_code == 200
        return len(queries)

    small = count()
    for n in range(4):
        unit = factories.create_org_unit(name=f"Enhet {n}", parent=city.department)
        factories.create_activity(goal=council_goal, assigned_units=[unit, city.sibling])
        first.assignments.create(org_unit=unit)
        other_plan = factories.create_plan(org_unit=unit, year=city.year)
        factories.include_goal(plan=other_plan, goal=council_goal, activities=[first])
    assert count() == small
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.UNIT).count() > 4
