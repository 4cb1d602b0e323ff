"""Fixtures shared by every app's tests: a small city with one user per role and place."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from styrkedja.org.models import OrgUnit, Role, User
from styrkedja.periods.models import Year
from styrkedja.testing import factories
from styrkedja.testing.conflicts import person_with_browser


@dataclass
class SmallCity:
    municipality: OrgUnit
    council: OrgUnit
    department: OrgUnit
    unit: OrgUnit
    sub_unit: OrgUnit
    sibling: OrgUnit
    other_council: OrgUnit
    other_unit: OrgUnit
    year: Year


@pytest.fixture
def city(db: None) -> SmallCity:
    """Kommun → two nämnder; the first has an avdelning with two units, one with a sub-unit."""
    municipality = factories.create_org_unit(name="Testby", kind=OrgUnit.Kind.MUNICIPALITY)
    council = factories.create_org_unit(
        name="Södra stadsdelsnämnden", kind=OrgUnit.Kind.COUNCIL, parent=municipality
    )
    department = factories.create_org_unit(
        name="Socialtjänstavdelningen", kind=OrgUnit.Kind.DEPARTMENT, parent=council
    )
    unit = factories.create_org_unit(name="Familjeenheten", parent=department)
    sub_unit = factories.create_org_unit(name="Familjebehandlarna", parent=unit)
    sibling = factories.create_org_unit(name="Vuxenenheten", parent=department)
    other_council = factories.create_org_unit(
        name="Kulturnämnden", kind=OrgUnit.Kind.COUNCIL, parent=municipality
    )
    other_unit = factories.create_org_unit(name="Biblioteksenheten", parent=other_council)
    return SmallCity(
        municipality=municipality,
        council=council,
        department=department,
        unit=unit,
        sub_unit=sub_unit,
        sibling=sibling,
        other_council=other_council,
        other_unit=other_unit,
        year=factories.get_or_create_year(number=2026),
    )


@pytest.fixture
def user_with_role(db: None):  # type: ignore[no-untyped-def]
    """Make a user holding `role` on `unit` (or no membership when unit is None)."""

    def make(role: str | None, unit: OrgUnit | None) -> User:
        user = factories.create_user()
        if role is not None and unit is not None:
            factories.create_membership(user=user, org_unit=unit, role=role)
        return user

    return make


@pytest.fixture
def anna(city: SmallCity) -> tuple[User, Client]:
    """A redaktör of the unit with a browser of her own, for editing at the same time as…"""
    return person_with_browser(city.unit, "Anna", "Andersson")


@pytest.fixture
def bertil(city: SmallCity) -> tuple[User, Client]:
    """…this redaktör of the same unit."""
    return person_with_browser(city.unit, "Bertil", "Berg")


ALL_ROLES = [Role.READER, Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    # Real hashing costs ~100 ms a user; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
