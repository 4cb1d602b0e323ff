"""The read rules as a matrix: every role against every place in the tree."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from styrkedja.conftest import ALL_ROLES
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan, get_plan_for_user
from styrkedja.testing import factories

# Where the target sits relative to the user's membership (on city.unit).
PLACES = ["own unit", "unit below", "sibling", "other council"]


def place(city, name):
    return {
        "own unit": city.unit,
        "unit below": city.sub_unit,
        "sibling": city.sibling,
        "other council": city.other_unit,
    }[name]


EXPECTED_READ = {"own unit": True, "unit below": True, "sibling": False, "other council": False}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("where", PLACES)
def test_read_matrix_for_a_member_of_a_unit(city, user_with_role, role, where):
    user = user_with_role(role, city.unit)
    target = place(city, where)
    plan = factories.create_plan(org_unit=target, year=city.year)

    assert access.can_read(user, target) is EXPECTED_READ[where]
    assert (plan in Plan.objects.visible_to(user)) is EXPECTED_READ[where]
    assert (target in access.visible_units(user)) is EXPECTED_READ[where]
    if EXPECTED_READ[where]:
        assert get_plan_for_user(user, unit_id=target.pk, year=2026) == plan
    else:
        with pytest.raises(PermissionDenied):
            get_plan_for_user(user, unit_id=target.pk, year=2026)


@pytest.mark.parametrize("where", PLACES)
def test_a_user_without_membership_reads_nothing(city, user_with_role, where):
    user = user_with_role(None, None)
    target = place(city, where)
    factories.create_plan(org_unit=target, year=city.year)

    assert not access.can_read(user, target)
    assert not Plan.objects.visible_to(user).exists()
    assert not access.visible_units(user).exists()
    with pytest.raises(PermissionDenied):
        get_plan_for_user(user, unit_id=target.pk, year=2026)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_role_on_the_council_reaches_all_its_units_but_no_other_council(
    city, user_with_role, role
):
    user = user_with_role(role, city.council)
    readable = set(access.visible_units(user))
    assert readable == {city.council, city.department, city.unit, city.sub_unit, city.sibling}


def test_an_administrator_of_the_municipality_reads_everything(city, user_with_role):
    user = user_with_role("administrator", city.municipality)
    assert set(access.visible_units(user)) == set(OrgUnit.objects.all())


def test_a_superuser_reads_everything(city):
    user = factories.create_user(is_superuser=True)
    assert all(access.can_read(user, unit) for unit in OrgUnit.objects.all())


def test_an_inactive_user_reads_nothing(city, user_with_role):
    user = user_with_role("administrator", city.municipality)
    user.is_active = False
    assert not access.can_read(user, city.unit)
    assert not access.visible_units(user).exists()


def test_the_strongest_role_wins_where_memberships_overlap(city, user_with_role):
    user = user_with_role("reader", city.council)
    factories.create_membership(user=user, org_unit=city.unit, role="editor")
    access.forget_memberships(user)
    assert access.role_on(user, city.sub_unit) == "editor"
    assert access.role_on(user, city.sibling) == "reader"
    assert access.role_on(user, city.other_unit) is None


def test_memberships_in_two_councils_show_both(city, user_with_role):
    user = user_with_role("reader", city.unit)
    factories.create_membership(user=user, org_unit=city.other_unit, role="reader")
    assert set(access.visible_units(user)) == {city.unit, city.sub_unit, city.other_unit}


def test_goals_above_a_readers_unit_are_readable_but_not_their_siblings(city, user_with_role):
    from styrkedja.goals.models import Goal

    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.1", parent=direction
    )
    council_goal = factories.create_goal(
        level="council", owner=city.council, year=city.year, parent=area
    )
    own = factories.create_goal(level="unit", owner=city.unit, year=city.year, parent=council_goal)
    sibling_goal = factories.create_goal(
        level="unit", owner=city.sibling, year=city.year, parent=council_goal
    )
    other_council_goal = factories.create_goal(
        level="council", owner=city.other_council, year=city.year, parent=area
    )
    user = user_with_role("reader", city.unit)

    visible = set(Goal.objects.visible_to(user))
    assert {direction, area, council_goal, own} <= visible
    assert sibling_goal not in visible
    assert other_council_goal not in visible


def test_unknown_unit_or_year_gives_404(city, user_with_role):
    user = user_with_role("administrator", city.municipality)
    factories.create_plan(org_unit=city.unit, year=city.year)
    with pytest.raises(Http404):
        get_plan_for_user(user, unit_id=999_999, year=2026)
    with pytest.raises(Http404):
        get_plan_for_user(user, unit_id=city.unit.pk, year=1999)
    with pytest.raises(Http404):
        get_plan_for_user(user, unit_id=city.sibling.pk, year=2026)
