"""The transitions themselves: what each records, what each needs, and that no other exists."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styrkedja.history.models import Change
from styrkedja.history.recording import acting
from styrkedja.history.writes import EditConflict, update_edited
from styrkedja.org.models import Role
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan
from styrkedja.testing import factories
from styrkedja.workflow import services
from styrkedja.workflow.models import PlanVersion, Transition
from styrkedja.workflow.tests.helpers import (
    CASE_NUMBER,
    DECISION_DAY,
    fresh,
    person,
    set_status,
    take,
    transition_data,
    workflow_url,
)

Status = Plan.Status
Action = Transition.Action

# The workflow of issue #6, as (from, to) pairs: nothing else may exist.
ISSUE_TRANSITIONS = {
    (Status.DRAFT, Status.READY),
    (Status.READY, Status.APPROVED),
    (Status.READY, Status.DRAFT),
    (Status.APPROVED, Status.ADOPTED),
    (Status.ADOPTED, Status.LOCKED),
    (Status.ADOPTED, Status.DRAFT),
    (Status.LOCKED, Status.DRAFT),
}
URL_NAMES = ("mark_ready", "approve", "return", "adopt", "lock", "reopen")


def test_the_steps_are_exactly_the_transitions_of_the_issue():
    pairs = {(source, step.target) for step in services.STEPS.values() for source in step.sources}
    assert pairs == ISSUE_TRANSITIONS
    assert set(services.STEPS) == set(URL_NAMES)


def test_a_plan_goes_the_whole_way_and_every_step_is_logged(
    city, unit_plan, author, reviewer, administrator
):
    _, author_client = author
    _, reviewer_client = reviewer
    admin_user, admin_client = administrator

    assert take(author_client, "mark_ready", unit_plan).status_code == 302
    assert take(reviewer_client, "approve", unit_plan).status_code == 302
    assert take(reviewer_client, "adopt", unit_plan).status_code == 302
    assert take(reviewer_client, "lock", unit_plan).status_code == 302
    assert take(admin_client, "reopen", unit_plan).status_code == 302

    log = list(Transition.objects.filter(plan=unit_plan).order_by("at", "pk"))
    assert [(row.action, row.from_status, row.to_status, row.version) for row in log] == [
        (Action.MARK_READY, Status.DRAFT, Status.READY, 1),
        (Action.APPROVE, Status.READY, Status.APPROVED, 1),
        (Action.ADOPT, Status.APPROVED, Status.ADOPTED, 1),
        (Action.LOCK, Status.ADOPTED, Status.LOCKED, 1),
        (Action.REOPEN, Status.LOCKED, Status.DRAFT, 2),
    ]
    assert [row.actor_name for row in log] == [
        "Anna Författare",
        "Greta Granskare",
        "Greta Granskare",
        "Greta Granskare",
        "Adam Admin",
    ]
    assert log[-1].actor == admin_user
    assert log[-1].comment == "Skriv om inledningen."
    assert fresh(unit_plan).status == Status.DRAFT


def test_each_status_change_is_in_the_plans_history_by_the_person_who_made_it(
    unit_plan, author, reviewer
):
    author_user, author_client = author
    _, reviewer_client = reviewer
    take(author_client, "mark_ready", unit_plan)
    take(reviewer_client, "return", unit_plan)

    changes = list(Change.objects.for_object(unit_plan).order_by("at", "pk"))
    assert [change.fields for change in changes] == [
        {"status": ["draft", "ready"]},
        {"status": ["ready", "draft"]},
    ]
    assert changes[0].actor == author_user
    assert changes[1].actor_name == "Greta Granskare"
    assert changes[1].plan_id == unit_plan.pk
    assert fresh(unit_plan).revision == unit_plan.revision + 2


def test_a_transition_is_refused_from_a_status_it_does_not_start_from(city, unit_plan):
    """Every (status, step) pair outside the workflow: 400 over HTTP, nothing changes."""
    _, client = person(city.municipality, None)
    superuser = factories.create_user(is_superuser=True)
    client.force_login(superuser)
    for status in Status.values:
        for name in URL_NAMES:
            if status in services.STEPS[name].sources:
                continue
            set_status(unit_plan, status)
            before = fresh(unit_plan)
            response = take(client, name, unit_plan)
            assert response.status_code == 400, (status, name, response.status_code)
            after = fresh(unit_plan)
            assert (after.status, after.revision) == (status, before.revision), (status, name)
            with pytest.raises(services.TransitionRefused):
                services.check_status(name, plan=after)
    assert not Transition.objects.exists()
    assert not PlanVersion.objects.exists()


def test_the_refusal_says_what_the_plan_is_and_what_cannot_be_done(unit_plan, reviewer):
    _, client = reviewer
    response = take(client, "approve", unit_plan)
    assert response.status_code == 400
    assert "Planen är utkast" in response.content.decode()
    assert "Godkänn" in response.content.decode()


def test_there_is_no_url_for_another_transition(unit_plan, administrator):
    _, client = administrator
    url = reverse("workflow:log", args=[unit_plan.pk]) + "utkast/"
    assert client.post(url, {"base_revision": unit_plan.revision}).status_code == 404


@pytest.mark.parametrize("name", ["mark_ready", "approve"])
def test_the_one_button_transitions_only_answer_a_post(unit_plan, author, name):
    _, client = author
    assert client.get(workflow_url(name, unit_plan)).status_code == 405
    assert fresh(unit_plan).status == Status.DRAFT


def test_returning_requires_a_comment(unit_plan, reviewer):
    _, client = reviewer
    set_status(unit_plan, Status.READY)
    response = take(client, "return", unit_plan, comment="   ")
    assert response.status_code == 422
    assert "Skriv varför planen returneras." in response.content.decode()
    assert fresh(unit_plan).status == Status.READY
    assert not Transition.objects.exists()


def test_the_return_service_refuses_an_empty_comment_too(unit_plan, reviewer):
    user, _ = reviewer
    set_status(unit_plan, Status.READY)
    with pytest.raises(ValidationError):
        services.return_to_draft(plan=unit_plan, user=user, base_revision=None, comment=" ")
    assert fresh(unit_plan).status == Status.READY


def test_reopening_requires_a_reason(unit_plan, administrator):
    _, client = administrator
    set_status(unit_plan, Status.ADOPTED)
    response = take(client, "reopen", unit_plan, comment="")
    assert response.status_code == 422
    assert fresh(unit_plan).status == Status.ADOPTED
    assert not PlanVersion.objects.exists()


def test_the_committee_decides_its_own_plan_with_date_and_case_number(
    city, council_plan, administrator
):
    _, client = administrator
    set_status(council_plan, Status.APPROVED)
    response = take(client, "adopt", council_plan)
    assert response.status_code == 302

    plan = fresh(council_plan)
    assert (plan.status, plan.decided_on, plan.case_number) == (
        Status.ADOPTED,
        DECISION_DAY,
        CASE_NUMBER,
    )
    assert Transition.objects.get(plan=plan).action == Action.DECIDE
    version = PlanVersion.objects.get(plan=plan)
    assert (version.number, version.decision, version.decided_on, version.case_number) == (
        1,
        PlanVersion.Decision.DECIDED,
        DECISION_DAY,
        CASE_NUMBER,
    )
    change = Change.objects.for_object(plan).get()
    assert change.fields == {
        "status": ["approved", "adopted"],
        "case_number": ["", CASE_NUMBER],
        "decided_on": [None, DECISION_DAY.isoformat()],
    }


def test_a_committee_decision_needs_its_case_number(council_plan, administrator):
    _, client = administrator
    set_status(council_plan, Status.APPROVED)
    response = take(client, "adopt", council_plan, case_number="")
    assert response.status_code == 422
    assert "diarienummer" in response.content.decode()
    assert fresh(council_plan).status == Status.APPROVED


def test_a_decision_needs_its_date(unit_plan, reviewer):
    _, client = reviewer
    set_status(unit_plan, Status.APPROVED)
    response = take(client, "adopt", unit_plan, decided_on="")
    assert response.status_code == 422
    assert fresh(unit_plan).status == Status.APPROVED


def test_a_unit_plan_is_adopted_under_delegation_without_a_case_number(unit_plan, reviewer):
    _, client = reviewer
    set_status(unit_plan, Status.APPROVED)
    response = take(client, "adopt", unit_plan, case_number="")
    assert response.status_code == 302
    plan = fresh(unit_plan)
    assert (plan.status, plan.decided_on, plan.case_number) == (
        Status.ADOPTED,
        DECISION_DAY,
        "",
    )
    assert Transition.objects.get(plan=plan).action == Action.ADOPT
    assert PlanVersion.objects.get(plan=plan).decision == PlanVersion.Decision.DELEGATED


def test_the_adoption_page_shows_the_decision_fields_and_asks_for_confirmation(
    council_plan, administrator
):
    _, client = administrator
    set_status(council_plan, Status.APPROVED)
    response = client.get(workflow_url("adopt", council_plan))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="decided_on"' in page and 'name="case_number"' in page
    assert f'name="base_revision" value="{council_plan.revision}"' in page
    assert "Besluta" in page
    assert fresh(council_plan).status == Status.APPROVED  # asking changed nothing


# Versions ----------------------------------------------------------------------------------


def adopt_as(user, plan, **decision):
    return services.adopt(
        plan=fresh(plan),
        user=user,
        base_revision=None,
        decided_on=decision.get("decided_on", DECISION_DAY),
        case_number=decision.get("case_number", CASE_NUMBER),
    )


def section_body(snapshot):
    (plan,) = snapshot["plans"]
    return [section["body"] for section in plan["opening_sections"]]


def test_adoption_freezes_the_plan_and_the_frozen_version_never_changes(
    city, unit_plan, reviewer, administrator
):
    reviewer_user, _ = reviewer
    admin_user, admin_client = administrator
    section = unit_plan.sections.get()
    set_status(unit_plan, Status.APPROVED)
    adopt_as(reviewer_user, unit_plan)
    first = PlanVersion.objects.get(plan=unit_plan, number=1)
    assert section_body(first.snapshot) == ["Första texten."]
    frozen = first.snapshot

    # Reopened as version 2, edited, adopted again: version 1 stays as it was.
    assert take(admin_client, "reopen", unit_plan).status_code == 302
    assert services.current_version(fresh(unit_plan)) == 2
    assert fresh(unit_plan).decided_on is None
    with acting(user=admin_user):
        update_edited(section, base_revision=None, body="Andra texten.")
    set_status(unit_plan, Status.APPROVED)
    adopt_as(reviewer_user, unit_plan, case_number="SDN 2026/99")

    versions = list(PlanVersion.objects.filter(plan=unit_plan).order_by("number"))
    assert [version.number for version in versions] == [1, 2]
    assert versions[0].snapshot == frozen
    assert section_body(versions[0].snapshot) == ["Första texten."]
    assert section_body(versions[1].snapshot) == ["Andra texten."]
    assert (versions[0].case_number, versions[1].case_number) == (CASE_NUMBER, "SDN 2026/99")


def test_reopening_does_not_touch_the_frozen_version(unit_plan, reviewer, administrator):
    reviewer_user, _ = reviewer
    _, admin_client = administrator
    set_status(unit_plan, Status.APPROVED)
    adopt_as(reviewer_user, unit_plan)
    before = PlanVersion.objects.values().get(plan=unit_plan)
    take(admin_client, "reopen", unit_plan)
    assert PlanVersion.objects.values().get(plan=unit_plan) == before


def test_a_shared_goal_changed_after_adoption_leaves_the_frozen_version_as_adopted(
    city, unit_plan, reviewer
):
    reviewer_user, _ = reviewer
    direction = factories.create_goal(level="direction", owner=city.municipality, year=city.year)
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, parent=direction
    )
    council_goal = factories.create_goal(
        level="council", owner=city.council, year=city.year, parent=area
    )
    goal = factories.create_goal(
        level="unit", owner=city.unit, year=city.year, parent=council_goal, title="Tryggare"
    )
    set_status(unit_plan, Status.APPROVED)
    adopt_as(reviewer_user, unit_plan)
    update_edited(goal, base_revision=None, title="Ett annat mål")
    frozen = json.dumps(PlanVersion.objects.get(plan=unit_plan).snapshot, ensure_ascii=False)
    assert '"Tryggare"' in frozen
    assert "Ett annat mål" not in frozen


def test_reopening_a_plan_adopted_outside_the_workflow_freezes_it_first(city, administrator):
    """Imported and demo plans arrive adopted, with no version frozen yet."""
    admin_user, _ = administrator
    plan = factories.create_plan(
        org_unit=city.unit,
        year=city.year,
        status=Status.ADOPTED,
        decided_on=DECISION_DAY,
        case_number="SDN 2025/3",
    )
    services.reopen(plan=plan, user=admin_user, base_revision=None, comment="Nytt beslut")
    version = PlanVersion.objects.get(plan=plan)
    assert (version.number, version.adopted_at, version.decided_on, version.case_number) == (
        1,
        None,
        DECISION_DAY,
        "SDN 2025/3",
    )
    assert services.current_version(fresh(plan)) == 2


def test_a_reports_frozen_version_keeps_what_the_unit_reported(city, reviewer):
    reviewer_user, _ = reviewer
    report = factories.create_plan(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Status.APPROVED
    )
    period = ReportPeriod.objects.get(year=city.year, kind=PeriodKind.T1)
    indicator = factories.create_indicator(name="Andel nöjda brukare")
    factories.create_outcome(
        indicator=indicator, org_unit=city.unit, period=period, value=71.5, comment="Bra"
    )
    adopt_as(reviewer_user, report)
    content = PlanVersion.objects.get(plan=report).snapshot["report"]
    assert content["outcomes"] == [
        {"indicator": "Andel nöjda brukare", "sex": "totalt", "value": "71.5", "comment": "Bra"}
    ]


def test_the_log_page_lists_the_transitions_and_versions(unit_plan, author, reviewer):
    _, author_client = author
    _, reviewer_client = reviewer
    take(author_client, "mark_ready", unit_plan)
    take(reviewer_client, "approve", unit_plan)
    take(reviewer_client, "adopt", unit_plan)
    response = author_client.get(workflow_url("log", unit_plan))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Klarmarkerad", "Godkänd", "Fastställd", "Anna Författare", "Greta Granskare"):
        assert text in page, text
    assert reverse("workflow:version", args=[unit_plan.pk, 1]) in page


def test_a_frozen_version_downloads_as_json_for_its_readers(city, unit_plan, reviewer):
    reviewer_user, _ = reviewer
    set_status(unit_plan, Status.APPROVED)
    adopt_as(reviewer_user, unit_plan)
    _, reader_client = person(city.unit, Role.READER)
    response = reader_client.get(reverse("workflow:version", args=[unit_plan.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "Första texten." in response.content.decode()
    _, stranger = person(city.other_council, Role.ADMINISTRATOR)
    assert stranger.get(reverse("workflow:version", args=[unit_plan.pk, 1])).status_code == 403
    assert reader_client.get(reverse("workflow:version", args=[unit_plan.pk, 2])).status_code == 404


# Stale pages -------------------------------------------------------------------------------


def test_a_transition_from_a_page_shown_before_another_change_is_refused(
    unit_plan, author, reviewer, city
):
    """Two granskare open the plan marked ready; one approves, the other's return is too late."""
    _, author_client = author
    _, first = reviewer
    _, second = person(city.council, Role.REVIEWER, first_name="Sven", last_name="Sen")
    take(author_client, "mark_ready", unit_plan)
    seen = transition_data("return", unit_plan)

    assert take(first, "approve", unit_plan).status_code == 302
    response = second.post(workflow_url("return", unit_plan), seen)
    assert response.status_code == 409
    assert "Greta Granskare" in response.content.decode()
    assert fresh(unit_plan).status == Status.APPROVED
    assert Transition.objects.filter(plan=unit_plan).count() == 2


def test_a_one_button_transition_from_a_stale_page_is_refused(unit_plan, author, reviewer):
    _, author_client = author
    _, reviewer_client = reviewer
    take(author_client, "mark_ready", unit_plan)
    seen = transition_data("approve", unit_plan)
    take(reviewer_client, "return", unit_plan)
    take(author_client, "mark_ready", unit_plan)  # ready again, but not the version seen

    response = reviewer_client.post(workflow_url("approve", unit_plan), seen)
    assert response.status_code == 409
    assert fresh(unit_plan).status == Status.READY


def test_the_service_raises_an_edit_conflict_for_a_stale_revision(unit_plan, author):
    user, _ = author
    stale = unit_plan.revision
    update_edited(unit_plan, base_revision=None, case_number="Ändrat")
    with pytest.raises(EditConflict):
        services.mark_ready(plan=unit_plan, user=user, base_revision=stale)
    assert fresh(unit_plan).status == Status.DRAFT
