import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from styrkedja.activities.models import Activity
from styrkedja.testing import factories


@pytest.fixture
def goal(city):
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    return factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.1", parent=direction
    )


def test_an_activity_does_not_end_before_it_starts(goal):
    with pytest.raises(ValidationError) as error:
        factories.create_activity(
            goal=goal, starts_on=datetime.date(2026, 5, 1), ends_on=datetime.date(2026, 4, 30)
        )
    assert "ends_on" in error.value.message_dict


def test_the_database_refuses_an_activity_ending_before_it_starts(goal):
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(
            goal=goal,
            text="Baklänges",
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 30),
        )


def test_an_activity_may_start_and_end_on_the_same_day_and_span_years(goal):
    factories.create_activity(
        goal=goal, starts_on=datetime.date(2026, 12, 31), ends_on=datetime.date(2026, 12, 31)
    )
    factories.create_activity(
        goal=goal, starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 8, 31)
    )


def test_an_activity_is_assigned_to_the_units_that_carry_it_out(city, goal):
    activity = factories.create_activity(goal=goal, assigned_units=[city.unit, city.sibling])
    assert set(activity.assigned_units.all()) == {city.unit, city.sibling}
