"""Who may do what with a plan's comments, for every view, method and way of asking.

The plan is city.unit's. Users hold each role on the plan's unit, on the nämnd above it, on a
sibling unit or on another nämnd, or hold none; each view is asked with GET and POST, as a plain
browser and as htmx would.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from styrkedja.comments.models import Comment, Reply
from styrkedja.comments.tests.world import comment_on
from styrkedja.org.models import Role
from styrkedja.plans.models import Plan
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import check_status, request_all_ways

ROLES = (Role.READER, Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR)
PLACES = ("plan's unit", "nämnd above", "sibling", "other nämnd")
CASES = [(role, place) for role in ROLES for place in PLACES] + [(None, "none")]


def case_id(case):
    role, place = case
    return f"{role or 'no-role'}-{place.replace(' ', '-').replace(chr(39), '')}"


def membership_unit(city, place):
    return {
        "plan's unit": city.unit,
        "nämnd above": city.council,
        "sibling": city.sibling,
        "other nämnd": city.other_council,
    }[place]


def may_read(role, place):
    """Every role reads its unit and everything below it."""
    return role is not None and place in ("plan's unit", "nämnd above")


def may_comment(role, place):
    """Granskare (and administratör) on the plan's unit or above it."""
    return may_read(role, place) and role in (Role.REVIEWER, Role.ADMINISTRATOR)


def may_answer(role, place):
    """The plan's editors and its granskare: redaktör and up on the unit or above it."""
    return may_read(role, place) and role in (Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR)


@pytest.fixture
def author(city):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.council, role=Role.REVIEWER)
    return user


def endpoints(plan, reviewed, author):
    def fresh_comment():
        return comment_on(plan, reviewed.unit_goal, author=author, text="Matrisens kommentar")

    return {
        "list": (lambda: reverse("comments:list", args=[plan.pk]), ("GET",), may_read),
        "new comment": (
            lambda: reverse("comments:create", args=[plan.pk]) + f"?goal={reviewed.unit_goal.pk}",
            ("GET", "POST"),
            may_comment,
        ),
        "answer": (
            lambda: reverse("comments:reply", args=[plan.pk, fresh_comment().pk]),
            ("GET", "POST"),
            may_answer,
        ),
        "resolve": (
            lambda: reverse("comments:resolve", args=[plan.pk, fresh_comment().pk]),
            ("POST",),
            may_answer,
        ),
    }


@pytest.mark.parametrize("status", [Plan.Status.DRAFT, Plan.Status.READY])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_comment_access_matrix(client, city, reviewed, author, case, status):
    role, place = case
    plan = reviewed.plan
    Plan.objects.filter(pk=plan.pk).update(status=status)
    user = factories.create_user()
    if role is not None:
        factories.create_membership(user=user, org_unit=membership_unit(city, place), role=role)
    client.force_login(user)
    data = {"target": f"goal-{reviewed.unit_goal.pk}", "text": "Från matrisen"}
    for name, (make_url, methods, rule) in endpoints(plan, reviewed, author).items():
        for way, send in request_all_ways(client, make_url, data, methods):
            check_status(send(), allowed=rule(role, place), label=f"{name} {way}")
    by_user = Comment.objects.filter(author=user)
    assert by_user.exists() == may_comment(role, place)
    assert Reply.objects.filter(author=user).exists() == may_answer(role, place)
    assert Comment.objects.filter(resolved_by=user).exists() == may_answer(role, place)
    if not may_answer(role, place):
        assert not Comment.objects.filter(resolved_at__isnull=False).exists()


def test_a_superuser_may_do_everything(client, reviewed, author):
    client.force_login(factories.create_user(is_superuser=True))
    data = {"target": f"goal-{reviewed.unit_goal.pk}", "text": "Från matrisen"}
    for name, (make_url, methods, _rule) in endpoints(reviewed.plan, reviewed, author).items():
        for way, send in request_all_ways(client, make_url, data, methods):
            check_status(send(), allowed=True, label=f"{name} {way}")


def test_an_unknown_plan_or_comment_gives_404(client, reviewed, author):
    client.force_login(author)
    assert client.get(reverse("comments:list", args=[999_999])).status_code == 404
    assert (
        client.get(reverse("comments:reply", args=[reviewed.plan.pk, 999_999])).status_code == 404
    )
    assert (
        client.post(reverse("comments:resolve", args=[reviewed.plan.pk, 999_999])).status_code
        == 404
    )
