"""The comment list and the plan page with its comment box run a fixed number of queries,
however many comments, answers, authors and targets a plan has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.comments import services
from styrkedja.comments.tests.world import build_reviewed_plan, comment_on
from styrkedja.org.models import Role
from styrkedja.plans.models import Plan
from styrkedja.testing import factories


def add_comments(reviewed, city, *, size):
    """`size` comments on every kind of target, each with `size` answers by different people,
    one in every three resolved by yet another."""
    for n in range(size):
        granskare = factories.create_user(first_name=f"Granskare {n}")
        factories.create_membership(user=granskare, org_unit=city.council, role=Role.REVIEWER)
        editor = factories.create_user(first_name=f"Redaktör {n}")
        factories.create_membership(user=editor, org_unit=city.unit, role=Role.EDITOR)
        for target in (
            reviewed.opening,
            reviewed.closing,
            reviewed.council_goal,
            reviewed.included_result,
            reviewed.unit_goal,
            reviewed.unit_result,
        ):
            comment = comment_on(reviewed.plan, target, author=granskare, text=f"Kommentar {n}")
            for m in range(size):
                services.answer_comment(
                    comment=comment, author=editor if m % 2 else granskare, text=f"Svar {m}"
                )
            if n % 3 == 0:
                services.resolve_comment(comment=comment, by=editor)


def build(city, size):
    reviewed = build_reviewed_plan(city, size=size)
    add_comments(reviewed, city, size=size)
    return reviewed


def count_queries(client, url, **headers):
    client.get(url, **headers)  # warm up the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries), response


@pytest.fixture
def granskare(city):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.council, role=Role.REVIEWER)
    return user


def sizes(city, client, make_url, **headers):
    small = build(city, 1)
    small_count, _ = count_queries(client, make_url(small), **headers)
    Plan.objects.all().delete()  # the comments go with them; the next size builds its own
    large = build(city, 4)
    large_count, response = count_queries(client, make_url(large), **headers)
    return small_count, large_count, response


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_the_comment_list_runs_the_same_number_of_queries_at_two_sizes(
    client, city, granskare, htmx
):
    client.force_login(granskare)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    def url(reviewed):
        return reverse("comments:list", args=[reviewed.plan.pk]) + "?status=all"

    small, large, response = sizes(city, client, url, **headers)
    assert response.content.decode().count('<article id="comment-') == 6 * 4
    assert large == small


def test_the_plan_page_with_comments_runs_the_same_number_of_queries_at_two_sizes(
    client, city, granskare
):
    client.force_login(granskare)

    def url(reviewed):
        return reverse("ui:plan", args=[city.unit.pk, 2026])

    small, large, response = sizes(city, client, url)
    assert "12 öppna kommentarer." in response.content.decode()
    assert large == small
