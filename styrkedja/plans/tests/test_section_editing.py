"""Editing a plan's sections: add, edit (also inline, as htmx does), reorder, delete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.plans.models import Plan, PlanSection
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import (
    CASES,
    case_id,
    check_status,
    may_edit_unit_plans,
    request_all_ways,
    unit_at,
    user_with,
)

SECTION_DATA = {"heading": "Enhetens uppdrag", "level": 1, "placement": "opening", "body": "Text."}


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def editor(client, city):
    user = user_with(city, "editor")
    client.force_login(user)
    return user


def test_an_editor_adds_a_section_after_the_goals(client, plan, editor):
    response = client.post(
        reverse("plans:section_create", args=[plan.pk]),
        {"heading": "Övrigt", "level": 1, "placement": "closing", "body": "Inget mer."},
    )
    assert response["Location"] == reverse("plans:edit", args=[plan.pk])
    section = plan.sections.get()
    assert (section.heading, section.placement, section.body) == ("Övrigt", "closing", "Inget mer.")


def test_a_section_without_heading_is_refused_and_keeps_what_was_typed(client, plan, editor):
    response = client.post(
        reverse("plans:section_create", args=[plan.pk]),
        {"heading": "  ", "level": 1, "placement": "opening", "body": "Min långa text"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Ge avsnittet en rubrik." in page
    assert "Min långa text" in page
    assert 'aria-invalid="true"' in page
    assert not plan.sections.exists()


def test_editing_inline_returns_the_row_for_htmx_and_a_redirect_otherwise(client, plan, editor):
    section = factories.create_section(plan=plan, heading="Inledning", body="Gammal text")
    url = reverse("plans:section_edit", args=[plan.pk, section.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form.strip().startswith(f'<li id="section-{section.pk}"')
    assert "Gammal text" in form
    data = {"heading": "Inledning 2026", "level": 1, "placement": "opening", "body": "Ny text"}
    row = client.post(url, data, HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    assert "Inledning 2026" in row.content.decode() and "<form" in row.content.decode()
    section.refresh_from_db()
    assert (section.heading, section.body) == ("Inledning 2026", "Ny text")
    assert client.post(url, data)["Location"] == reverse("plans:edit", args=[plan.pk])


def test_an_invalid_inline_edit_comes_back_with_its_errors_for_htmx_to_show(client, plan, editor):
    section = factories.create_section(plan=plan, heading="Inledning")
    url = reverse("plans:section_edit", args=[plan.pk, section.pk])
    response = client.post(
        url,
        {"heading": "", "level": 1, "placement": "opening", "body": "x"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Ge avsnittet en rubrik." in response.content.decode()


def test_sections_move_up_and_down_within_their_group(client, plan, editor):
    first = factories.create_section(plan=plan, heading="Ett")
    second = factories.create_section(plan=plan, heading="Två")
    closing = factories.create_section(plan=plan, heading="Sist", placement="closing")
    client.post(reverse("plans:section_move", args=[plan.pk, second.pk]), {"direction": "up"})
    assert list(plan.sections.filter(placement="opening").order_by("position")) == [second, first]
    response = client.post(
        reverse("plans:section_move", args=[plan.pk, first.pk]),
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="section-lists"' in response.content.decode()
    assert list(plan.sections.filter(placement="opening").order_by("position")) == [second, first]
    assert list(plan.sections.filter(placement="closing")) == [closing]


def test_deleting_a_section_asks_first(client, plan, editor):
    section = factories.create_section(plan=plan, heading="Ekonomi", body="Budgeten")
    url = reverse("plans:section_delete", args=[plan.pk, section.pk])
    confirm = client.get(url).content.decode()
    assert "Vill du ta bort avsnittet ”Ekonomi”" in confirm
    assert PlanSection.objects.filter(pk=section.pk).exists()
    client.post(url)
    assert not PlanSection.objects.filter(pk=section.pk).exists()


def test_a_plan_that_is_not_a_draft_cannot_be_edited(client, plan, editor):
    plan.status = Plan.Status.READY
    plan.save()
    response = client.get(reverse("plans:edit", args=[plan.pk]))
    assert response.status_code == 403
    assert "kan inte längre ändras" in response.content.decode()


def test_section_bodies_render_simple_markdown_safely(client, plan, editor):
    factories.create_section(
        plan=plan,
        heading="Inledning",
        body="Vi *prioriterar*:\n\n- barn\n- unga\n\n<script>alert(1)</script>[länk](javascript:x)",
    )
    page = client.get(reverse("ui:plan", args=[plan.org_unit_id, 2026])).content.decode()
    assert "<em>prioriterar</em>" in page
    assert "<li>barn</li>" in page
    assert "<script>alert" not in page and "javascript:x" not in page


def section_endpoints(plan):
    def section():
        return factories.create_section(plan=plan, heading="Avsnitt")

    both = ("GET", "POST")
    return {
        "edit page": (lambda: reverse("plans:edit", args=[plan.pk]), ("GET",)),
        "new section": (lambda: reverse("plans:section_create", args=[plan.pk]), both),
        "edit section": (
            lambda: reverse("plans:section_edit", args=[plan.pk, section().pk]),
            both,
        ),
        "move section": (
            lambda: reverse("plans:section_move", args=[plan.pk, section().pk]),
            ("POST",),
        ),
        "delete section": (
            lambda: reverse("plans:section_delete", args=[plan.pk, section().pk]),
            both,
        ),
    }


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_section_editing_access_matrix(client, city, case):
    role, place = case
    plan = factories.create_plan(org_unit=unit_at(city, place), year=city.year)
    client.force_login(user_with(city, role))
    allowed = may_edit_unit_plans(role, place)
    data = {**SECTION_DATA, "direction": "up"}
    for name, (make_url, methods) in section_endpoints(plan).items():
        for way, send in request_all_ways(client, make_url, data, methods):
            check_status(send(), allowed=allowed, label=f"{name} {way}")
    if not allowed:
        assert set(plan.sections.values_list("heading", flat=True)) <= {"Avsnitt"}


@pytest.mark.parametrize("view", ["edit page", "edit section"])
def test_section_views_run_the_same_number_of_queries_at_two_sizes(client, plan, editor, view):
    def count():
        url = section_endpoints(plan)[view][0]()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    for n in range(6):
        factories.create_section(plan=plan, heading=f"Extra {n}", placement="closing")
    assert count() == small
