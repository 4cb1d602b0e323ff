"""The target-in-use page of a report: versions and the reports that use them, a decided
change once the plan is adopted, and a "Fastställs" target set with T1."""

import pytest
from django.urls import reverse

from styrkedja.goals import levels
from styrkedja.indicators.models import Target
from styrkedja.org.models import Role
from styrkedja.plans.models import Plan
from styrkedja.testing import factories
from styrkedja.testing.conflicts import person_with_browser


@pytest.fixture
def indicator(city):
    above = None
    for level, owner in (
        (levels.DIRECTION, city.municipality),
        (levels.AREA, city.municipality),
        (levels.COUNCIL, city.council),
    ):
        above = factories.create_goal(level=level, owner=owner, year=city.year, parent=above)
    goal = factories.create_goal(
        level=levels.UNIT, owner=city.unit, year=city.year, parent=above, title="Nöjda familjer"
    )
    return factories.create_indicator(name="Andel nöjda familjer", goal=goal)


def url(city, kind, indicator):
    return reverse("reports:target", args=[city.unit.pk, 2026, kind, indicator.pk])


def plan_with_status(city, status):
    return factories.create_plan(org_unit=city.unit, year=city.year, status=status)


def test_an_administratör_records_a_decided_change_of_an_adopted_plans_target(city, indicator):
    plan_with_status(city, Plan.Status.ADOPTED)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    _admin, client = person_with_browser(city.council, "Ada", "Admin", role=Role.ADMINISTRATOR)
    page = client.get(url(city, "t2", indicator)).content.decode()
    assert "Registrera en beslutad ändring" in page
    response = client.post(
        url(city, "t2", indicator),
        {
            "kind": "value",
            "value": "75",
            "unit": "%",
            "comment": "",
            "decided_by": "Södra stadsdelsnämnden",
            "decided_on": "2026-06-10",
            "case_number": "SDN 2026/123",
            "valid_from": "",
            "seen_version": "1",
        },
    )
    assert response.status_code == 302
    versions = list(Target.objects.order_by("version").values_list("original_text", "case_number"))
    assert versions == [("70 %", ""), ("75 %", "SDN 2026/123")]
    page = client.get(url(city, "t1", indicator)).content.decode()
    # T1 (to April) still uses version 1; T2 and the annual report use version 2.
    assert "Tertialrapport 1 2026 använder årsmålet 70 %." in page
    rows = page.split("<tbody>")[1]
    first, second = rows.split("</tr>")[:2]
    assert "70 %" in first and "Tertialrapport 1" in first
    assert "75 %" in second and "SDN 2026/123" in second
    assert "Tertialrapport 2, Verksamhetsberättelse" in second


def test_a_version_added_meanwhile_refuses_the_second_decision(city, indicator):
    plan_with_status(city, Plan.Status.LOCKED)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    _admin, client = person_with_browser(city.council, "Ada", "Admin", role=Role.ADMINISTRATOR)
    data = {
        "kind": "value",
        "value": "75",
        "unit": "%",
        "decided_by": "Nämnden",
        "decided_on": "2026-06-10",
        "seen_version": "1",
    }
    assert client.post(url(city, "vb", indicator), data).status_code == 302
    response = client.post(url(city, "vb", indicator), {**data, "value": "80"})
    assert response.status_code == 409
    assert Target.objects.count() == 2


def test_an_editor_sets_a_target_left_to_be_decided_with_t1(city, indicator):
    plan_with_status(city, Plan.Status.ADOPTED)
    factories.create_target(
        indicator=indicator, org_unit=city.unit, year=city.year, text="Fastställs 2026"
    )
    _editor, client = person_with_browser(city.unit, "Rut", "Redaktör")
    response = client.post(
        url(city, "t1", indicator),
        {"kind": "minimum", "value": "60", "unit": "%", "comment": "", "seen_version": "1"},
    )
    assert response.status_code == 302
    newest = Target.objects.order_by("-version").first()
    assert (newest.original_text, newest.decided_by) == ("Minst 60 %", "Tertialrapport 1")
    # In T2 the editor may not change it: that takes a decision.
    assert client.post(url(city, "t2", indicator), {"kind": "value"}).status_code == 403


def test_a_reader_sees_the_versions_but_may_not_change_them(city, indicator):
    plan_with_status(city, Plan.Status.ADOPTED)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    _reader, client = person_with_browser(city.unit, "Lo", "Läsare", role=Role.READER)
    page = client.get(url(city, "t1", indicator))
    assert (
        page.status_code == 200
        and '<form method="post" class="stacked-form"' not in page.content.decode()
    )
    assert client.post(url(city, "t1", indicator), {"kind": "value"}).status_code == 403


def test_an_indicator_the_unit_does_not_report_is_not_found(city, indicator):
    other = factories.create_indicator(name="Något annat")
    _editor, client = person_with_browser(city.unit, "Rut", "Redaktör")
    assert client.get(url(city, "t1", other)).status_code == 404
