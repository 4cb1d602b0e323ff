"""The workflow on the plan and report pages, the edit pages it closes, and the delegation page."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.org.models import Role
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan
from styrkedja.reports.reading import get_report_context
from styrkedja.testing import factories
from styrkedja.workflow.models import DelegationSetting, adopting_role_for
from styrkedja.workflow.tests.helpers import (
    fresh,
    person,
    plan_page,
    set_status,
    take,
    workflow_url,
)

Status = Plan.Status


def buttons(page):
    """The labels of the workflow panel's buttons and button-links."""
    panel = page[page.index('id="workflow"') :]
    panel = panel[: panel.index("</section>")]
    return re.findall(r'class="ds-button"[^>]*>([^<]+)<', panel)


def report_url(plan_or_unit, year, slug="t1"):
    return reverse("reports:report", args=[plan_or_unit.pk, year.number, slug])


# The plan page -----------------------------------------------------------------------------


def test_the_author_sees_the_status_and_marks_the_draft_ready_from_the_plan_page(unit_plan, author):
    _, client = author
    page = plan_page(client, unit_plan).content.decode()
    assert "Utkast" in page
    assert buttons(page) == ["Klarmarkera"]
    assert f'action="{workflow_url("mark_ready", unit_plan)}"' in page
    assert f'name="base_revision" value="{unit_plan.revision}"' in page

    response = take(client, "mark_ready", unit_plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("ui:plan", args=[unit_plan.org_unit_id, 2026])
    page = client.get(response["Location"]).content.decode()
    assert "Planen är nu klarmarkerad." in page
    assert buttons(page) == []


def test_the_reviewer_above_sees_approve_and_return(unit_plan, reviewer):
    _, client = reviewer
    set_status(unit_plan, Status.READY)
    page = plan_page(client, unit_plan).content.decode()
    assert buttons(page) == ["Godkänn", "Returnera"]
    assert f'href="{workflow_url("return", unit_plan)}"' in page


def test_a_reader_sees_the_status_and_no_buttons(city, unit_plan):
    _, client = person(city.unit, Role.READER)
    set_status(unit_plan, Status.APPROVED)
    page = plan_page(client, unit_plan).content.decode()
    assert "Godkänd" in page
    assert buttons(page) == []
    assert workflow_url("log", unit_plan) in page


def test_an_adopted_plan_offers_lock_to_its_adopter_and_reopen_to_the_administrator(
    unit_plan, reviewer, administrator
):
    set_status(unit_plan, Status.ADOPTED)
    _, reviewer_client = reviewer
    _, admin_client = administrator
    assert buttons(plan_page(reviewer_client, unit_plan).content.decode()) == ["Lås"]
    page = plan_page(admin_client, unit_plan).content.decode()
    assert buttons(page) == ["Lås", "Öppna igen"]
    assert "Fastställd" in page


def test_the_returned_comment_is_shown_until_the_plan_is_marked_ready_again(
    unit_plan, author, reviewer
):
    _, author_client = author
    _, reviewer_client = reviewer
    take(author_client, "mark_ready", unit_plan)
    response = take(reviewer_client, "return", unit_plan, comment="Målen saknar indikatorer.")
    assert response.status_code == 302

    page = plan_page(author_client, unit_plan).content.decode()
    assert "Returnerad av Greta Granskare" in page
    assert "Målen saknar indikatorer." in page

    take(author_client, "mark_ready", unit_plan)
    page = plan_page(author_client, unit_plan).content.decode()
    assert "Målen saknar indikatorer." not in page


def test_a_reopened_plan_shows_its_version(unit_plan, administrator):
    _, client = administrator
    set_status(unit_plan, Status.LOCKED)
    take(client, "reopen", unit_plan)
    page = plan_page(client, unit_plan).content.decode()
    assert re.search(r"<dt>Version</dt>\s*<dd>2</dd>", page)


def test_the_panel_costs_the_same_queries_before_and_after_many_transitions(
    unit_plan, author, reviewer
):
    _, author_client = author
    _, reviewer_client = reviewer
    plan_page(author_client, unit_plan)
    with CaptureQueriesContext(connection) as few:
        plan_page(author_client, unit_plan)
    for _round in range(5):
        take(author_client, "mark_ready", unit_plan)
        take(reviewer_client, "return", unit_plan)
    with CaptureQueriesContext(connection) as many:
        plan_page(author_client, unit_plan)
    assert len(many) == len(few)


# The report page ---------------------------------------------------------------------------


def test_a_report_not_yet_written_shows_no_workflow(city, author):
    _, client = author
    response = client.get(report_url(city.unit, city.year))
    assert response.status_code == 200
    assert 'id="workflow"' not in response.content.decode()


def test_a_report_goes_through_the_same_workflow_from_its_page(city, author, reviewer):
    _, author_client = author
    _, reviewer_client = reviewer
    report = factories.create_plan(org_unit=city.unit, year=city.year, kind=PeriodKind.T1)
    page = author_client.get(report_url(city.unit, city.year)).content.decode()
    assert buttons(page) == ["Klarmarkera"]

    response = take(author_client, "mark_ready", report)
    assert response["Location"] == report_url(city.unit, city.year)
    with pytest.raises(PermissionDenied):
        get_report_context(author[0], unit_id=city.unit.pk, year=2026, slug="t1", write=True)
    take(reviewer_client, "return", report, comment="Utfallen saknas.")
    page = author_client.get(report_url(city.unit, city.year)).content.decode()
    assert "Utfallen saknas." in page
    assert get_report_context(
        author[0], unit_id=city.unit.pk, year=2026, slug="t1", write=True
    ).can_edit


# Edit pages close while the plan is not a draft ---------------------------------------------


def test_the_edit_pages_refuse_a_plan_that_is_ready_or_approved_and_accept_it_after_return(
    unit_plan, author, reviewer
):
    _, author_client = author
    _, reviewer_client = reviewer
    edit_url = reverse("plans:edit", args=[unit_plan.pk])
    new_section_url = reverse("plans:section_create", args=[unit_plan.pk])
    section = {"heading": "Ny rubrik", "body": "Text", "level": 1, "placement": "opening"}
    assert author_client.get(edit_url).status_code == 200

    take(author_client, "mark_ready", unit_plan)
    assert author_client.get(edit_url).status_code == 403
    assert author_client.post(new_section_url, section).status_code == 403
    assert reviewer_client.get(edit_url).status_code == 403

    take(reviewer_client, "approve", unit_plan)
    assert author_client.get(edit_url).status_code == 403
    assert author_client.post(new_section_url, section).status_code == 403
    assert unit_plan.sections.count() == 1

    set_status(unit_plan, Status.READY)
    take(reviewer_client, "return", unit_plan)
    assert author_client.get(edit_url).status_code == 200
    assert author_client.post(new_section_url, section).status_code in (200, 302)
    assert unit_plan.sections.count() == 2


# Delegation --------------------------------------------------------------------------------

delegation_urls = pytest.mark.urls("styrkedja.workflow.tests.urls")


def delegation_url(unit):
    return reverse("delegation:setting", args=[unit.pk])


@delegation_urls
def test_the_committees_administrator_chooses_who_adopts_under_delegation(
    city, unit_plan, administrator, reviewer
):
    admin_user, admin_client = administrator
    _, reviewer_client = reviewer
    page = admin_client.get(delegation_url(city.council)).content.decode()
    assert re.search(r'value="reviewer"[^>]*checked', page)

    response = admin_client.post(delegation_url(city.council), {"adopting_role": "administrator"})
    assert response.status_code == 302
    setting = DelegationSetting.objects.get(council=city.council)
    assert (setting.adopting_role, setting.changed_by) == (Role.ADMINISTRATOR, admin_user)
    assert adopting_role_for(city.sub_unit) == Role.ADMINISTRATOR

    set_status(unit_plan, Status.APPROVED)
    assert take(reviewer_client, "adopt", unit_plan).status_code == 403
    assert take(admin_client, "adopt", unit_plan).status_code == 302
    assert fresh(unit_plan).status == Status.ADOPTED


@delegation_urls
def test_saving_the_same_choice_changes_nothing(city, administrator):
    _, client = administrator
    client.post(delegation_url(city.council), {"adopting_role": "reviewer"})
    assert not DelegationSetting.objects.exists()


@delegation_urls
@pytest.mark.parametrize(
    ("role", "place", "expected"),
    [
        (Role.ADMINISTRATOR, "kommun", 200),
        (Role.REVIEWER, "nämnd", 403),
        (Role.ADMINISTRATOR, "other nämnd", 403),
        (Role.ADMINISTRATOR, "unit", 403),
    ],
)
def test_only_the_committees_administrators_reach_the_delegation_page(city, role, place, expected):
    node = {
        "kommun": city.municipality,
        "nämnd": city.council,
        "other nämnd": city.other_council,
        "unit": city.unit,
    }[place]
    _, client = person(node, role)
    assert client.get(delegation_url(city.council)).status_code == expected
    response = client.post(delegation_url(city.council), {"adopting_role": "administrator"})
    assert response.status_code == (302 if expected == 200 else expected)


@delegation_urls
def test_the_delegation_page_is_for_committees_only(city, administrator):
    _, client = administrator
    assert client.get(delegation_url(city.unit)).status_code == 404


@delegation_urls
def test_an_unknown_role_is_refused(city, administrator):
    _, client = administrator
    response = client.post(delegation_url(city.council), {"adopting_role": "editor"})
    assert response.status_code == 422
    assert not DelegationSetting.objects.exists()


def test_a_delegation_saved_in_the_admin_records_who_changed_it(admin_client, city):
    response = admin_client.post(
        reverse("admin:workflow_delegationsetting_add"),
        {"council": city.council.pk, "adopting_role": "administrator"},
    )
    assert response.status_code == 302
    setting = DelegationSetting.objects.get(council=city.council)
    assert setting.changed_by is not None and setting.changed_by.is_superuser


def test_the_panel_renders_without_a_request_showing_the_status_only(unit_plan):
    set_status(unit_plan, Status.READY)
    html = Template('{% include "workflow/_actions.html" with plan=plan %}').render(
        Context({"plan": fresh(unit_plan)})
    )
    assert "Klarmarkerad" in html
    assert buttons(html) == []
    assert (
        Template('{% include "workflow/_actions.html" with plan=None %}')
        .render(Context({}))
        .strip()
        == ""
    )
