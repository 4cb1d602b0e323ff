"""WCAG 2.1 AA as axe-core checks it, on the main pages of the demo city, in Chromium."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from e2e.conftest import axe_violations, log_in
from styrkedja.goals.models import Goal
from styrkedja.history.recording import acting
from styrkedja.history.writes import delete_recorded, update_edited
from styrkedja.org.models import OrgUnit, User
from styrkedja.plans.models import Plan

YEAR = 2026


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("seed_demo", year=YEAR, stdout=StringIO())
    record_some_history()


def record_some_history() -> None:
    """An edit and a deletion by a person, so the history pages show their tables and diffs."""
    goal = unit_goal()
    result = goal.expected_results.first()
    assert result is not None
    with acting(user=User.objects.get(username="administrator")):
        update_edited(goal, base_revision=None, title=f"{goal.title} (omformulerat)")
        delete_recorded([result])


def unit_goal() -> Goal:
    unit = OrgUnit.objects.get(name="Barn- och familjeenheten")
    goal = unit.goals.filter(year__number=YEAR).first()
    assert goal is not None
    return goal


def annual_report(status: str) -> Plan:
    """One of last year's annual reports of Norrdalen's units in the demo, by its status."""
    council = OrgUnit.objects.get(name="Norrdalens stadsdelsnämnd")
    report = Plan.objects.filter(
        kind="VB", year__number=YEAR - 1, status=status, org_unit__path__startswith=council.path
    ).first()
    assert report is not None, f"the demo has no {status} annual report"
    return report


def pages_to_check() -> list[str]:
    unit = OrgUnit.objects.get(name="Barn- och familjeenheten")
    council = OrgUnit.objects.get(name="Norrdalens stadsdelsnämnd")
    plan = Plan.objects.get(org_unit=unit, year__number=YEAR, kind="VP")
    section = plan.sections.first()
    goal = unit_goal()
    link = goal.goal_indicators.first()
    assert section is not None and link is not None
    indicator = link.indicator
    return [
        reverse("ui:start"),
        reverse("ui:plan", args=[unit.pk, YEAR]),
        reverse("ui:plan", args=[council.pk, YEAR]),
        reverse("plans:edit", args=[plan.pk]),
        reverse("plans:section_create", args=[plan.pk]),
        reverse("plans:section_edit", args=[plan.pk, section.pk]),
        reverse("plans:section_delete", args=[plan.pk, section.pk]),
        reverse("goals:edit", args=[plan.pk, goal.pk]),
        reverse("activities:goal", args=[plan.pk, goal.pk]),
        reverse("indicators:goal", args=[plan.pk, goal.pk]),
        reverse("inclusion:index", args=[plan.pk]),
        reverse("importer:upload"),
        reverse("rollover:start", args=[council.pk]),
        reverse("org:units", args=[council.pk]),
        reverse("org:memberships", args=[council.pk]),
        reverse("org:years", args=[council.pk]),
        reverse("catalogue:index"),
        reverse("comments:list", args=[plan.pk]),
        reverse("comments:create", args=[plan.pk]) + f"?section={section.pk}",
        reverse("history:index", args=[plan.pk]),
        reverse("history:goal", args=[plan.pk, goal.pk]),
        # Follow-up: last year's reports have content in the demo, this year's are empty.
        *[
            reverse(f"reports:{name}", args=[unit.pk, year, "t1"])
            for name in ("report", "outcomes", "activities", "assessments")
            for year in (YEAR - 1, YEAR)
        ],
        reverse("reports:outcomes_upload", args=[unit.pk, YEAR, "t1"]),
        reverse("reports:report", args=[council.pk, YEAR - 1, "vb"]),
        reverse("reports:target", args=[unit.pk, YEAR - 1, "t2", indicator.pk]),
        reverse("overview:overview", args=[council.pk, YEAR - 1, "t2"]),
        reverse("overview:remind", args=[council.pk, YEAR - 1, "t2"]),
        reverse("workflow:log", args=[plan.pk]),
        # The workflow's confirmation pages, on last year's annual reports in the demo.
        reverse("workflow:return", args=[annual_report("ready").pk]),
        reverse("workflow:lock", args=[annual_report("adopted").pk]),
        reverse("workflow:reopen", args=[annual_report("adopted").pk]),
        reverse("delegation:setting", args=[council.pk]),
        reverse("exports:index", args=[plan.pk]),
        reverse("export:print", args=[plan.pk]),
    ]


def test_main_pages_have_no_axe_violations(demo: None, live_server: object, page: object) -> None:
    log_in(page, live_server, "administrator", "styrkedja-demo")
    found = {}
    for path in pages_to_check():
        response = page.goto(f"{live_server.url}{path}")  # type: ignore[attr-defined]
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_the_word_template_page_has_no_axe_violations(
    demo: None, live_server: object, page: object
) -> None:
    """Only a kommun administratör reaches it."""
    log_in(page, live_server, "kommunadmin", "styrkedja-demo")
    response = page.goto(f"{live_server.url}{reverse('docx_templates:page')}")  # type: ignore[attr-defined]
    assert response.status == 200
    assert axe_violations(page) == []


def test_the_login_page_has_no_axe_violations(
    transactional_db: None, live_server: object, page: object
) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")  # type: ignore[attr-defined]
    assert axe_violations(page) == []


def test_axe_reports_a_violation_when_there_is_one(browser: object, page: object) -> None:
    """The checks above can fail: an image without text alternative is caught."""
    page.set_content(  # type: ignore[attr-defined]
        '<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head>'
        "<body><main><h1>Prov</h1>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]
