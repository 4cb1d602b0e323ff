"""A nämnd's administration pages: its units, roles (memberships), years and deadlines."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from styrkedja.org.models import Membership, OrgUnit, Role
from styrkedja.periods.models import Deadline, PeriodKind, ReportPeriod, Year
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import request_all_ways

# Where the requesting user's membership sits, relative to the nämnd whose pages are asked for.
PLACES = ("the council", "a unit below", "another council", "the municipality")
MATRIX = [(None, None)] + [(role, place) for role in Role.values for place in PLACES]


def matrix_id(case):
    role, place = case
    return "no-membership" if role is None else f"{role}-on-{place.replace(' ', '-')}"


def member_at(city, place):
    return {
        "the council": city.council,
        "a unit below": city.department,
        "another council": city.other_council,
        "the municipality": city.municipality,
    }[place]


def may_manage_council(role, place):
    """An administratör on the nämnd, or on the kommun node above every nämnd."""
    return role == Role.ADMINISTRATOR and place in ("the council", "the municipality")


def user_on(city, role, place):
    user = factories.create_user()
    if role is not None:
        factories.create_membership(user=user, org_unit=member_at(city, place), role=role)
    return user


@pytest.fixture
def admin(client, city):
    user = factories.create_user(username="admin.soder", first_name="Ada", last_name="Admin")
    factories.create_membership(user=user, org_unit=city.council, role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def manage(name, city, *args):
    return reverse(f"org:{name}", args=[city.council.pk, *args])


def page(response):
    return response.content.decode()


# Units -----------------------------------------------------------------------------------


def test_the_units_page_shows_the_councils_tree_in_swedish_order(client, city, admin):
    for name in ("Örnen", "Zeta", "Ängen", "Åsen"):
        factories.create_org_unit(name=name, parent=city.department)
    content = page(client.get(manage("units", city)))
    positions = [content.index(name) for name in ("Zeta", "Åsen", "Ängen", "Örnen")]
    assert positions == sorted(positions)
    assert "Familjebehandlarna" in content
    assert "Kulturnämnden" not in content and "Biblioteksenheten" not in content


def test_an_administrator_adds_a_unit_below_a_department(client, city, admin):
    response = client.post(
        manage("unit_create", city),
        {
            "name": "  Mottagningsenheten ",
            "kind": "enhet",
            "parent": city.department.pk,
            "valid_from": "2026-01-01",
            "valid_to": "",
        },
    )
    assert response["Location"] == manage("units", city)
    unit = OrgUnit.objects.get(name="Mottagningsenheten")
    assert (unit.kind, unit.parent, unit.valid_from) == (
        OrgUnit.Kind.UNIT,
        city.department,
        datetime.date(2026, 1, 1),
    )
    assert unit.path == f"{city.department.path}{unit.pk}/"


def test_a_unit_without_a_name_is_refused_and_keeps_what_was_typed(client, city, admin):
    response = client.post(
        manage("unit_create", city),
        {"name": " ", "kind": "avdelning", "parent": city.council.pk, "valid_from": "2026-03-01"},
    )
    assert response.status_code == 422
    content = page(response)
    assert "Ge enheten ett namn." in content
    assert 'value="2026-03-01"' in content
    assert 'aria-invalid="true"' in content
    assert not OrgUnit.objects.filter(valid_from=datetime.date(2026, 3, 1)).exists()


def test_a_unit_cannot_be_placed_outside_the_council(client, city, admin):
    response = client.post(
        manage("unit_create", city),
        {"name": "Smygenheten", "kind": "enhet", "parent": city.other_council.pk},
    )
    assert response.status_code == 422
    assert not OrgUnit.objects.filter(name="Smygenheten").exists()


def test_a_department_cannot_be_placed_below_a_unit(client, city, admin):
    response = client.post(
        manage("unit_create", city),
        {"name": "Stabsavdelningen", "kind": "avdelning", "parent": city.unit.pk},
    )
    assert response.status_code == 422
    assert "En avdelning kan inte placeras under en enhet." in page(response)


def test_a_unit_cannot_end_before_it_starts(client, city, admin):
    response = client.post(
        manage("unit_edit", city, city.sibling.pk),
        {
            "name": "Vuxenenheten",
            "parent": city.department.pk,
            "valid_from": "2026-06-01",
            "valid_to": "2026-01-31",
        },
    )
    assert response.status_code == 422
    assert "Slutdatumet kan inte ligga före startdatumet." in page(response)
    city.sibling.refresh_from_db()
    assert city.sibling.valid_to is None


def test_moving_a_unit_renames_it_and_takes_the_units_below_along(client, city, admin):
    response = client.post(
        manage("unit_edit", city, city.unit.pk),
        {"name": "Familjeenheten Syd", "parent": city.council.pk, "valid_to": "2027-12-31"},
    )
    assert response.status_code == 302
    city.unit.refresh_from_db()
    city.sub_unit.refresh_from_db()
    assert (city.unit.name, city.unit.parent, city.unit.valid_to) == (
        "Familjeenheten Syd",
        city.council,
        datetime.date(2027, 12, 31),
    )
    assert city.sub_unit.path == f"{city.council.path}{city.unit.pk}/{city.sub_unit.pk}/"


def test_a_unit_cannot_move_below_itself(client, city, admin):
    response = client.post(
        manage("unit_edit", city, city.unit.pk),
        {"name": "Familjeenheten", "parent": city.sub_unit.pk},
    )
    assert response.status_code == 422
    city.unit.refresh_from_db()
    assert city.unit.parent == city.department


def test_the_council_itself_and_units_of_other_councils_are_not_edited_here(client, city, admin):
    for unit in (city.council, city.other_unit, city.municipality):
        assert client.get(manage("unit_edit", city, unit.pk)).status_code == 404
        assert client.get(manage("unit_delete", city, unit.pk)).status_code == 404
    assert client.get(reverse("org:units", args=[999999])).status_code == 404


def test_the_pages_answer_404_for_a_unit_that_is_not_a_council(client, city):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.municipality, role=Role.ADMINISTRATOR)
    client.force_login(user)
    for unit in (city.municipality, city.department, city.unit):
        assert client.get(reverse("org:units", args=[unit.pk])).status_code == 404
        assert client.get(reverse("org:years", args=[unit.pk])).status_code == 404


def test_deleting_an_empty_unit_asks_first_and_takes_its_roles_along(client, city, admin):
    unit = factories.create_org_unit(name="Projektenheten", parent=city.department)
    factories.create_membership(user=factories.create_user(), org_unit=unit)
    url = manage("unit_delete", city, unit.pk)
    confirm = page(client.get(url))
    assert "Vill du ta bort Projektenheten?" in confirm
    assert "Den roll som finns på enheten tas bort med den." in confirm
    assert OrgUnit.objects.filter(pk=unit.pk).exists()
    assert client.post(url)["Location"] == manage("units", city)
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()
    assert not Membership.objects.filter(org_unit_id=unit.pk).exists()


def test_a_unit_with_plans_or_units_below_is_not_deleted_and_the_page_says_why(client, city, admin):
    factories.create_plan(org_unit=city.unit, year=city.year)
    url = manage("unit_delete", city, city.unit.pk)
    for response in (client.get(url), client.post(url)):
        content = page(response)
        assert "Familjeenheten kan inte tas bort så länge följande hänvisar till den." in content
        assert "verksamhetsplan 2026 – Familjeenheten" in content
        assert "Familjebehandlarna" in content
        assert "Ta bort enheten" not in content
    assert response.status_code == 422
    assert OrgUnit.objects.filter(pk=city.unit.pk).exists()


def test_a_unit_with_targets_is_not_deleted(client, city, admin):
    unit = factories.create_org_unit(name="Målenheten", parent=city.department)
    indicator = factories.create_indicator(name="Andel nöjda")
    factories.create_target(indicator=indicator, org_unit=unit, year=city.year, text="70 %")
    response = client.post(manage("unit_delete", city, unit.pk))
    assert response.status_code == 422
    assert "Övriga uppgifter" in page(response)
    assert OrgUnit.objects.filter(pk=unit.pk).exists()


# Memberships -----------------------------------------------------------------------------


def test_the_roles_page_lists_who_has_which_role_where(client, city, admin):
    eva = factories.create_user(username="eva", first_name="Eva", last_name="Ek")
    factories.create_membership(user=eva, org_unit=city.unit, role=Role.EDITOR)
    elsewhere = factories.create_user(username="olof.utanfor")
    factories.create_membership(user=elsewhere, org_unit=city.other_unit, role=Role.EDITOR)
    content = page(client.get(manage("memberships", city)))
    assert "Eva Ek" in content and "Familjeenheten" in content and "redaktör" in content
    assert "Ada Admin" in content
    assert "olof.utanfor" not in content


def test_an_administrator_gives_an_existing_user_a_role(client, city, admin):
    eva = factories.create_user(username="eva")
    response = client.post(
        manage("membership_create", city),
        {"username": "EVA", "org_unit": city.unit.pk, "role": Role.REVIEWER},
    )
    assert response["Location"] == manage("memberships", city)
    assert Membership.objects.get(user=eva).role == Role.REVIEWER


def test_an_unknown_user_name_is_refused_and_kept(client, city, admin):
    response = client.post(
        manage("membership_create", city),
        {"username": "ingen.alls", "org_unit": city.unit.pk, "role": Role.READER},
    )
    assert response.status_code == 422
    content = page(response)
    assert "Det finns ingen aktiv användare med användarnamnet ”ingen.alls”." in content
    assert 'value="ingen.alls"' in content


def test_a_second_role_on_the_same_unit_is_refused(client, city, admin):
    eva = factories.create_user(username="eva")
    factories.create_membership(user=eva, org_unit=city.unit, role=Role.READER)
    response = client.post(
        manage("membership_create", city),
        {"username": "eva", "org_unit": city.unit.pk, "role": Role.EDITOR},
    )
    assert response.status_code == 422
    assert "eva har redan en roll på Familjeenheten. Ändra den rollen i stället." in page(response)
    assert Membership.objects.get(user=eva).role == Role.READER


def test_a_role_cannot_be_given_on_another_councils_unit(client, city, admin):
    factories.create_user(username="eva")
    response = client.post(
        manage("membership_create", city),
        {"username": "eva", "org_unit": city.other_unit.pk, "role": Role.READER},
    )
    assert response.status_code == 422
    assert not Membership.objects.filter(user__username="eva").exists()


def test_searching_for_a_user_lists_matches_to_choose_from(client, city, admin):
    factories.create_user(username="eva.ek", first_name="Eva", last_name="Ek")
    factories.create_user(username="bo.berg")
    url = manage("membership_create", city)
    content = page(client.get(url, {"q": "ek"}))
    assert "eva.ek" in content and "bo.berg" not in content
    assert f"{url}?username=eva.ek" in content
    partial = page(client.get(url, {"q": "eva"}, HTTP_HX_REQUEST="true"))
    assert partial.strip().startswith('<div id="user-search-results"')
    chosen = page(client.get(url, {"username": "eva.ek"}))
    assert 'value="eva.ek"' in chosen


def test_an_administrator_changes_a_role(client, city, admin):
    membership = factories.create_membership(
        user=factories.create_user(), org_unit=city.unit, role=Role.READER
    )
    url = manage("membership_edit", city, membership.pk)
    assert client.post(url, {"role": Role.EDITOR})["Location"] == manage("memberships", city)
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_removing_a_role_asks_first(client, city, admin):
    membership = factories.create_membership(
        user=factories.create_user(username="eva"), org_unit=city.unit, role=Role.EDITOR
    )
    url = manage("membership_delete", city, membership.pk)
    assert "Vill du ta bort rollen som redaktör på Familjeenheten för eva?" in page(client.get(url))
    client.post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_an_administrator_cannot_remove_or_lower_their_own_last_administrator_role(
    client, city, admin
):
    own = admin.memberships.get()
    removed = client.post(manage("membership_delete", city, own.pk))
    assert removed.status_code == 422
    assert "Du kan inte ta bort din sista administratörsroll på Södra stadsdelsnämnden" in page(
        removed
    )
    lowered = client.post(manage("membership_edit", city, own.pk), {"role": Role.READER})
    assert lowered.status_code == 422
    assert "Du kan inte ta ifrån dig din sista administratörsroll" in page(lowered)
    own.refresh_from_db()
    assert own.role == Role.ADMINISTRATOR


def test_an_administrator_may_give_up_a_council_role_they_also_hold_from_the_municipality(
    client, city, admin
):
    own = admin.memberships.get()
    factories.create_membership(user=admin, org_unit=city.municipality, role=Role.ADMINISTRATOR)
    assert client.post(manage("membership_delete", city, own.pk)).status_code == 302
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_another_councils_membership_is_not_found_here(client, city, admin):
    membership = factories.create_membership(
        user=factories.create_user(), org_unit=city.other_unit, role=Role.READER
    )
    assert client.get(manage("membership_edit", city, membership.pk)).status_code == 404
    assert client.post(manage("membership_delete", city, membership.pk)).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


# Years and deadlines ---------------------------------------------------------------------


def test_the_years_page_lists_periods_and_the_deadlines_of_each_level(client, city, admin):
    content = page(client.get(manage("years", city)))
    assert "Verksamhetsplan" in content
    plan_period = city.year.periods.get(kind=PeriodKind.PLAN)
    unit_due = plan_period.deadlines.get(org_kind=OrgUnit.Kind.UNIT).due_on
    council_due = plan_period.deadlines.get(org_kind=OrgUnit.Kind.COUNCIL).due_on
    assert unit_due.isoformat() in content and council_due.isoformat() in content
    assert "Lägg till år 2027" in content


def test_an_administrator_adds_the_next_year(client, city, admin):
    assert client.post(manage("year_create", city))["Location"] == manage("years", city)
    year = Year.objects.get(number=2027)
    assert year.periods.count() == 4
    assert Deadline.objects.filter(period__year=year).count() == 8
    partial = page(client.post(manage("year_create", city), HTTP_HX_REQUEST="true"))
    assert partial.strip().startswith('<div id="year-list"')
    assert "År 2028 har lagts till" in partial
    assert "Lägg till år 2029" in partial


def test_an_administrator_moves_deadlines_and_gives_departments_their_own(client, city, admin):
    period = city.year.periods.get(kind=PeriodKind.T1)
    form = page(client.get(manage("deadlines", city, period.pk)))
    assert "Tidsfrister för tertialrapport 1 2026" in form
    assert 'value="2026-05-21"' in form  # the units' default: three weeks after April
    response = client.post(
        manage("deadlines", city, period.pk),
        {"enhet": "2026-05-10", "avdelning": "2026-05-15", "namnd": "2026-05-25"},
    )
    assert response.status_code == 302
    due = dict(period.deadlines.values_list("org_kind", "due_on"))
    assert due == {
        "enhet": datetime.date(2026, 5, 10),
        "avdelning": datetime.date(2026, 5, 15),
        "namnd": datetime.date(2026, 5, 25),
    }
    client.post(
        manage("deadlines", city, period.pk),
        {"enhet": "2026-05-10", "avdelning": "", "namnd": "2026-05-25"},
    )
    assert not period.deadlines.filter(org_kind="avdelning").exists()


def test_a_unit_deadline_after_the_councils_is_refused_next_to_the_field(client, city, admin):
    period = city.year.periods.get(kind=PeriodKind.T2)
    before = dict(period.deadlines.values_list("org_kind", "due_on"))
    response = client.post(
        manage("deadlines", city, period.pk),
        {"enhet": "2026-10-01", "avdelning": "", "namnd": "2026-09-20"},
    )
    assert response.status_code == 422
    content = page(response)
    assert "Får inte vara senare än nämndernas tidsfrist (2026-09-20)" in content
    assert content.index("Får inte vara senare") > content.index('id="id_enhet"')
    assert content.index("Får inte vara senare") < content.index('id="id_avdelning"')
    assert 'value="2026-10-01"' in content
    assert dict(period.deadlines.values_list("org_kind", "due_on")) == before


def test_an_unknown_period_is_not_found(client, city, admin):
    assert client.get(manage("deadlines", city, 999999)).status_code == 404


# The access matrix -----------------------------------------------------------------------


def administration_endpoints(city, made=None):
    """Every view, with a fresh object each time and data it may accept.

    The fresh units and memberships are added to `made`, so a test can check them after.
    """
    made = made if made is not None else []

    def fresh_unit():
        made.append(factories.create_org_unit(name="Tillfällig enhet", parent=city.department))
        return made[-1]

    def fresh_membership():
        made.append(
            factories.create_membership(
                user=factories.create_user(), org_unit=city.unit, role=Role.READER
            )
        )
        return made[-1]

    def next_username():
        return factories.create_user().username

    period = city.year.periods.get(kind=PeriodKind.PLAN)
    both = ("GET", "POST")
    return {
        "units": (lambda: manage("units", city), ("GET",), {}),
        "new unit": (
            lambda: manage("unit_create", city),
            both,
            {"name": "Ny enhet", "kind": "enhet", "parent": city.department.pk},
        ),
        "edit unit": (
            lambda: manage("unit_edit", city, fresh_unit().pk),
            both,
            {"name": "Omdöpt", "parent": city.department.pk},
        ),
        "delete unit": (lambda: manage("unit_delete", city, fresh_unit().pk), both, {}),
        "roles": (lambda: manage("memberships", city), ("GET",), {}),
        "new role": (
            lambda: manage("membership_create", city),
            both,
            {"username": next_username, "org_unit": city.unit.pk, "role": Role.READER},
        ),
        "change role": (
            lambda: manage("membership_edit", city, fresh_membership().pk),
            both,
            {"role": Role.EDITOR},
        ),
        "remove role": (
            lambda: manage("membership_delete", city, fresh_membership().pk),
            both,
            {},
        ),
        "years": (lambda: manage("years", city), ("GET",), {}),
        "new year": (lambda: manage("year_create", city), ("POST",), {}),
        "deadlines": (
            lambda: manage("deadlines", city, period.pk),
            both,
            {"enhet": "2025-11-01", "avdelning": "", "namnd": "2025-11-20"},
        ),
    }


def deadlines_and_years():
    return Year.objects.count(), sorted(Deadline.objects.values_list("pk", "due_on"))


@pytest.mark.parametrize("case", MATRIX, ids=matrix_id)
def test_administration_access_matrix(client, city, case):
    role, place = case
    client.force_login(user_on(city, role, place))
    allowed = may_manage_council(role, place)
    before = deadlines_and_years()
    made = []
    for name, (make_url, methods, data) in administration_endpoints(city, made).items():
        # A user name is made afresh for each endpoint, so that adding a role can succeed.
        values = {key: value() if callable(value) else value for key, value in data.items()}
        for way, send in request_all_ways(client, make_url, values, methods):
            status = send().status_code
            if allowed:
                assert status in (200, 302, 422), (name, way, status)
            else:
                assert status == 403, (name, way, status)
    if not allowed:
        assert deadlines_and_years() == before
        assert not OrgUnit.objects.filter(name__in=["Ny enhet", "Omdöpt"]).exists()
        for thing in made:
            fresh = type(thing).objects.filter(pk=thing.pk).values().get()
            assert fresh.get("name", "Tillfällig enhet") == "Tillfällig enhet"
            assert fresh.get("role", Role.READER) == Role.READER
        assert (
            not Membership.objects.exclude(pk__in=[m.pk for m in made])
            .filter(org_unit=city.unit)
            .exists()
        )


def test_allowed_administrators_really_change_things(client, city):
    """The matrix accepts 422; this checks that the allowed POSTs of each kind do work."""
    for place in ("the council", "the municipality"):
        client.force_login(user_on(city, Role.ADMINISTRATOR, place))
        for name, (make_url, methods, data) in administration_endpoints(city).items():
            if "POST" not in methods:
                continue
            values = {key: value() if callable(value) else value for key, value in data.items()}
            assert client.post(make_url(), values).status_code == 302, (place, name)


def test_anonymous_visitors_are_sent_to_log_in(client, city):
    response = client.get(manage("units", city))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# Query budgets ---------------------------------------------------------------------------


def grow(city, start, stop):
    """More of everything the list pages show: units, nested units, users, roles, years."""
    for i in range(start, stop):
        department = factories.create_org_unit(
            name=f"Avdelning {i}", kind=OrgUnit.Kind.DEPARTMENT, parent=city.council
        )
        unit = factories.create_org_unit(name=f"Enhet {i}", parent=department)
        for j in range(2):
            user = factories.create_user(username=f"extra{i}x{j}")
            factories.create_membership(user=user, org_unit=unit, role=Role.EDITOR)
            factories.create_membership(user=user, org_unit=department, role=Role.READER)
        year = factories.get_or_create_year(number=2030 + i)
        for period in ReportPeriod.objects.filter(year=year):
            Deadline.objects.create(
                period=period, org_kind=OrgUnit.Kind.DEPARTMENT, due_on=period.ends_on
            )


@pytest.mark.parametrize(
    ("view", "query"),
    [("units", {}), ("memberships", {}), ("years", {}), ("membership_create", {"q": "extra"})],
)
def test_list_pages_run_the_same_number_of_queries_at_two_sizes(client, city, admin, view, query):
    def count():
        url = manage(view, city)
        client.get(url, query)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        return len(queries)

    grow(city, 0, 1)
    small = count()
    grow(city, 1, 5)
    assert count() == small


def test_the_administration_pages_have_no_swedish_left_in_english(client, city):
    from styrkedja.ui.tests.test_english_pages import appears, swedish_messages, visible_text

    for unit, name in ((city.council, "South committee"), (city.department, "Care department")):
        unit.name = name
        unit.save()
    OrgUnit.objects.filter(pk__in=[city.unit.pk, city.sub_unit.pk, city.sibling.pk]).update(
        name="Alpha unit"
    )
    user = factories.create_user(username="admin")
    factories.create_membership(user=user, org_unit=city.municipality, role=Role.ADMINISTRATOR)
    membership = factories.create_membership(user=factories.create_user(), org_unit=city.unit)
    indicator = factories.create_indicator(
        name="Share of happy users", owner_kind=OrgUnit.Kind.COUNCIL
    )
    client.force_login(user)
    swedish = swedish_messages()
    period = city.year.periods.get(kind=PeriodKind.PLAN)
    urls = [
        manage("units", city),
        manage("unit_create", city),
        manage("unit_edit", city, city.department.pk),
        manage("unit_delete", city, city.department.pk),
        manage("memberships", city),
        manage("membership_create", city) + "?q=adm",
        manage("membership_edit", city, membership.pk),
        manage("membership_delete", city, membership.pk),
        manage("years", city),
        manage("deadlines", city, period.pk),
        reverse("catalogue:index"),
        reverse("catalogue:edit", args=[indicator.pk]),
    ]
    # The middleware switches this thread to English; put Swedish back for the tests after.
    with translation.override(translation.get_language()):
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = visible_text(response.content.decode())
            assert sorted(phrase for phrase in swedish if appears(phrase, text)) == [], url
