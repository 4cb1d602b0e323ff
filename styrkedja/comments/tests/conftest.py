"""The people around a plan under review, and the plan (tests/world.py builds it)."""

from __future__ import annotations

import pytest

from styrkedja.comments.tests.world import ReviewedPlan, build_reviewed_plan
from styrkedja.org.models import User
from styrkedja.testing import factories


@pytest.fixture
def reviewed(city) -> ReviewedPlan:
    return build_reviewed_plan(city)


@pytest.fixture
def granskare(city) -> User:
    user = factories.create_user(first_name="Greta", last_name="Granskare")
    factories.create_membership(user=user, org_unit=city.council, role="reviewer")
    return user


@pytest.fixture
def editor(city) -> User:
    user = factories.create_user(first_name="Erik", last_name="Redaktör")
    factories.create_membership(user=user, org_unit=city.unit, role="editor")
    return user


@pytest.fixture
def reader(city) -> User:
    user = factories.create_user(first_name="Lisa", last_name="Läsare")
    factories.create_membership(user=user, org_unit=city.unit, role="reader")
    return user
