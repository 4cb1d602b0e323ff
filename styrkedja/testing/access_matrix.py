"""The edit-access matrix shared by the tests of every edit view.

Each edit view is requested (GET and POST, as a page and as htmx would) by a user
holding each role on `city.unit`, or no role, against an object in each place of
the tree relative to that unit. The test says which combinations may succeed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpResponse

from styrkedja.org.models import OrgUnit, Role, User
from styrkedja.testing import factories

if TYPE_CHECKING:
    from styrkedja.conftest import SmallCity

PLACES = ("own unit", "unit below", "sibling", "other council")
ROLES: tuple[str | None, ...] = (None, Role.READER, Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR)
CASES = [(role, place) for role in ROLES for place in PLACES]
EDITING_ROLES = {Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR}


def case_id(case: tuple[str | None, str]) -> str:
    role, place = case
    return f"{role or 'no-role'}-{place.replace(' ', '-')}"


def unit_at(city: SmallCity, place: str) -> OrgUnit:
    return {
        "own unit": city.unit,
        "unit below": city.sub_unit,
        "sibling": city.sibling,
        "other council": city.other_unit,
    }[place]


def user_with(city: SmallCity, role: str | None) -> User:
    """A user with `role` on city.unit, or with no membership at all."""
    user = factories.create_user()
    if role is not None:
        factories.create_membership(user=user, org_unit=city.unit, role=role)
    return user


def may_edit_unit_plans(role: str | None, place: str) -> bool:
    """The plan rule: redaktör and up, on their unit and the units below it."""
    return role in EDITING_ROLES and place in ("own unit", "unit below")


def check_status(response: HttpResponse, *, allowed: bool, label: str) -> None:
    """Allowed: a page, a redirect or a form refused for its content; else 403 or 404."""
    if allowed:
        assert response.status_code in (200, 302, 422), (label, response.status_code)
    else:
        assert response.status_code in (403, 404), (label, response.status_code)


def request_all_ways(
    client: object,
    make_url: Callable[[], str],
    data: dict[str, object],
    methods: tuple[str, ...] = ("GET", "POST"),
) -> list[tuple[str, Callable[[], HttpResponse]]]:
    """GET and POST, as a plain browser and as htmx would; each builds its object afresh,
    so that a POST that deletes does not leave the next request without one."""
    htmx = {"HTTP_HX_REQUEST": "true"}
    get = client.get  # type: ignore[attr-defined]
    post = client.post  # type: ignore[attr-defined]
    ways = [
        ("GET", lambda: get(make_url())),
        ("GET htmx", lambda: get(make_url(), **htmx)),
        ("POST", lambda: post(make_url(), data)),
        ("POST htmx", lambda: post(make_url(), data, **htmx)),
    ]
    return [(way, send) for way, send in ways if way.split()[0] in methods]
