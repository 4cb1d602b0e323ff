import pytest
from django.core.exceptions import ValidationError

from styrkedja.goals.models import Agenda2030Tag
from styrkedja.testing import factories


@pytest.fixture
def chain(city):
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.3", parent=direction
    )
    council_goal = factories.create_goal(
        level="council", owner=city.council, year=city.year, number="1.3.3", parent=area
    )
    return direction, area, council_goal


def test_a_goal_contributes_to_a_goal_exactly_one_level_up(city, chain):
    direction, _area, _council_goal = chain
    with pytest.raises(ValidationError, match="precis en nivå upp"):
        factories.create_goal(level="council", owner=city.council, year=city.year, parent=direction)


def test_a_goal_contributes_to_a_goal_of_the_same_year(city, chain):
    _direction, area, _council_goal = chain
    next_year = factories.get_or_create_year(number=2027)
    with pytest.raises(ValidationError, match="samma år"):
        factories.create_goal(level="council", owner=city.council, year=next_year, parent=area)


def test_a_top_level_goal_has_no_parent_and_the_others_need_one(city, chain):
    direction, *_ = chain
    with pytest.raises(ValidationError):
        factories.create_goal(
            level="direction", owner=city.municipality, year=city.year, parent=direction
        )
    with pytest.raises(ValidationError, match="en nivå upp"):
        factories.create_goal(level="unit", owner=city.unit, year=city.year)


def test_a_goal_belongs_to_the_kind_of_unit_its_level_names(city, chain):
    *_, council_goal = chain
    with pytest.raises(ValidationError) as error:
        factories.create_goal(level="unit", owner=city.council, year=city.year, parent=council_goal)
    assert "owner" in error.value.message_dict


def test_the_previous_year_goal_is_from_the_year_before(city, chain):
    direction, *_ = chain
    later = factories.get_or_create_year(number=2028)
    with pytest.raises(ValidationError) as error:
        factories.create_goal(
            level="direction", owner=city.municipality, year=later, previous_year_goal=direction
        )
    assert "previous_year_goal" in error.value.message_dict
    next_year = factories.get_or_create_year(number=2027)
    carried = factories.create_goal(
        level="direction", owner=city.municipality, year=next_year, previous_year_goal=direction
    )
    assert direction.next_year_goals.get() == carried


def test_expected_results_keep_their_order(city, chain):
    *_, council_goal = chain
    goal = factories.create_goal(
        level="unit",
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        expected_results=["Först", "Sedan", "Sist"],
    )
    assert [result.text for result in goal.expected_results.all()] == ["Först", "Sedan", "Sist"]


def test_headings_print_numbers_as_the_plans_do(chain):
    direction, area, council_goal = chain
    assert direction.heading.startswith("KF:s inriktningsmål: 1. ")
    assert area.heading.startswith("KF:s mål för verksamhetsområdet: 1.3 ")
    assert council_goal.heading.startswith("Nämndmål: 1.3.3 ")


@pytest.mark.parametrize("code", ["5", "16", "16.1", "6.b", "17.19"])
def test_agenda_2030_accepts_goals_and_targets(chain, code):
    tag = Agenda2030Tag(goal=chain[0], code=code)
    tag.full_clean()


@pytest.mark.parametrize("code", ["0", "18", "16.", "mål 5", "5.1.1", ""])
def test_agenda_2030_refuses_what_is_no_goal_or_target(chain, code):
    with pytest.raises(ValidationError):
        Agenda2030Tag(goal=chain[0], code=code).full_clean()
