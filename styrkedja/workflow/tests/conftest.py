"""The plans the workflow tests move around, and the people who move them."""

from __future__ import annotations

import pytest

from styrkedja.org.models import Role
from styrkedja.testing import factories
from styrkedja.workflow.tests.helpers import person


@pytest.fixture
def unit_plan(city):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    factories.create_section(plan=plan, heading="Inledning", body="Första texten.")
    return plan


@pytest.fixture
def council_plan(city):
    return factories.create_plan(org_unit=city.council, year=city.year)


@pytest.fixture
def author(city):
    """A redaktör of the unit."""
    return person(city.unit, Role.EDITOR, first_name="Anna", last_name="Författare")


@pytest.fixture
def reviewer(city):
    """A granskare on the nämnd: above the unit."""
    return person(city.council, Role.REVIEWER, first_name="Greta", last_name="Granskare")


@pytest.fixture
def administrator(city):
    """An administratör on the nämnd."""
    return person(city.council, Role.ADMINISTRATOR, first_name="Adam", last_name="Admin")
