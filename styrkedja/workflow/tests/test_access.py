"""Who may take each transition: every transition, for every role in every place, over HTTP.

A user holds one role on one node: the plan's unit, the department between the unit and the
nämnd, the nämnd, the kommun node, or another nämnd; or no role; or is a superuser. Each
transition is asked (POST, from a page showing the plan's current revision) with the plan in
the status the transition starts from; it must succeed exactly where the rule allows it.
"""

from __future__ import annotations

import pytest
from django.test import Client

from styrkedja.org import access
from styrkedja.org.models import Role
from styrkedja.plans.models import Plan
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import check_status
from styrkedja.workflow import services
from styrkedja.workflow.models import DelegationSetting, PlanVersion, Transition
from styrkedja.workflow.tests.helpers import fresh, person, set_status, take, workflow_url

Status = Plan.Status
ROLES = (Role.READER, Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR)
PLACES = ("unit", "department", "nämnd", "kommun", "other nämnd")
CASES = [(role, place) for role in ROLES for place in PLACES] + [(None, ""), ("superuser", "")]
EDITORS = {Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR}
REVIEWERS = {Role.REVIEWER, Role.ADMINISTRATOR}
ADMINISTRATORS = {Role.ADMINISTRATOR}
# The status each transition starts from in the matrix (reopen also from locked, below).
START = {
    "mark_ready": Status.DRAFT,
    "approve": Status.READY,
    "return": Status.READY,
    "adopt": Status.APPROVED,
    "lock": Status.ADOPTED,
    "reopen": Status.LOCKED,
}


def node_at(city, place):
    return {
        "unit": city.unit,
        "department": city.department,
        "nämnd": city.council,
        "kommun": city.municipality,
        "other nämnd": city.other_council,
    }[place]


def client_for(city, role, place):
    """A logged-in browser of a user with `role` on the node at `place`."""
    if role == "superuser":
        user = factories.create_user(is_superuser=True)
        client = Client()
        client.force_login(user)
        return client
    _, client = person(node_at(city, place) if role else city.municipality, role)
    return client


def unit_plan_rule(name, role, place, adopting_role=Role.REVIEWER):
    """The rules for a unit's plan (city.unit)."""
    if role == "superuser":
        return True
    if name == "mark_ready":  # its editors: on the unit or above it
        return role in EDITORS and place in ("unit", "department", "nämnd", "kommun")
    if name in ("approve", "return"):  # granskare ABOVE the unit
        return role in REVIEWERS and place in ("department", "nämnd", "kommun")
    if name in ("adopt", "lock"):  # the delegated role, on the nämnd (or the kommun)
        allowed = ADMINISTRATORS if adopting_role == Role.ADMINISTRATOR else REVIEWERS
        return role in allowed and place in ("nämnd", "kommun")
    if name == "reopen":  # an administratör of the nämnd
        return role in ADMINISTRATORS and place in ("nämnd", "kommun")
    raise AssertionError(name)


def council_plan_rule(name, role, place):
    """The rules for a nämnd's own plan: decided by the nämnd, approved from the kommun."""
    if role == "superuser":
        return True
    if name == "mark_ready":
        return role in EDITORS and place in ("nämnd", "kommun")
    if name in ("approve", "return"):
        return role in REVIEWERS and place == "kommun"
    if name in ("adopt", "lock", "reopen"):
        return role in ADMINISTRATORS and place in ("nämnd", "kommun")
    raise AssertionError(name)


def run_matrix(city, plan, name, rule):
    """Ask the transition as every user; return the cases that did not go as the rule says."""
    wrong = []
    for role, place in CASES:
        Transition.objects.filter(plan=plan).delete()
        PlanVersion.objects.filter(plan=plan).delete()
        set_status(plan, START[name])
        before = fresh(plan)
        client = client_for(city, role, place)
        response = take(client, name, plan)
        allowed = rule(name, role, place)
        after = fresh(plan)
        label = f"{name} by {role or 'no role'} on {place or '-'}"
        try:
            check_status(response, allowed=allowed, label=label)
            if allowed:
                assert response.status_code == 302, (label, response.status_code)
                assert after.status == services.STEPS[name].target, label
                assert Transition.objects.filter(plan=plan).count() == 1, label
            else:
                assert response.status_code == 403, (label, response.status_code)
                assert (after.status, after.revision) == (before.status, before.revision), label
                assert not Transition.objects.filter(plan=plan).exists(), label
        except AssertionError as failed:
            wrong.append(str(failed))
    return wrong


@pytest.mark.parametrize("name", list(START))
def test_who_may_take_each_transition_of_a_unit_plan(city, name):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    assert run_matrix(city, plan, name, unit_plan_rule) == []


@pytest.mark.parametrize("name", list(START))
def test_who_may_take_each_transition_of_a_committees_own_plan(city, name):
    plan = factories.create_plan(org_unit=city.council, year=city.year)
    assert run_matrix(city, plan, name, council_plan_rule) == []


@pytest.mark.parametrize("name", ["adopt", "lock"])
def test_with_delegation_to_administrators_only_they_adopt_and_lock_unit_plans(city, name):
    DelegationSetting.objects.create(council=city.council, adopting_role=Role.ADMINISTRATOR)
    plan = factories.create_plan(org_unit=city.unit, year=city.year)

    def rule(step, role, place):
        return unit_plan_rule(step, role, place, adopting_role=Role.ADMINISTRATOR)

    assert run_matrix(city, plan, name, rule) == []


def test_another_committees_delegation_does_not_apply(city):
    DelegationSetting.objects.create(council=city.other_council, adopting_role=Role.ADMINISTRATOR)
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    set_status(plan, Status.APPROVED)
    _, client = person(city.council, Role.REVIEWER)
    assert take(client, "adopt", plan).status_code == 302


def test_a_reviewer_on_the_unit_itself_may_not_approve_its_plan_even_as_its_editor(city):
    """The four-eyes rule: approval comes from above the unit."""
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    user, client = person(city.unit, Role.REVIEWER)
    assert take(client, "mark_ready", plan).status_code == 302
    assert take(client, "approve", plan).status_code == 403
    assert not access.can_review(user, city.unit)
    assert access.can_review(user, city.sub_unit)  # but the unit below it, yes


def test_reopening_works_from_adopted_as_well_as_locked(city, administrator):
    _, client = administrator
    plan = factories.create_plan(org_unit=city.unit, year=city.year, status=Status.ADOPTED)
    assert take(client, "reopen", plan).status_code == 302
    assert fresh(plan).status == Status.DRAFT


@pytest.mark.parametrize(("name", "status"), [("return", Status.READY), ("adopt", Status.APPROVED)])
def test_the_confirmation_pages_are_shown_only_to_those_who_may_confirm(city, name, status):
    plan = factories.create_plan(org_unit=city.unit, year=city.year, status=status)
    _, allowed = person(city.council, Role.REVIEWER)
    _, refused = person(city.unit, Role.EDITOR)
    assert allowed.get(workflow_url(name, plan)).status_code == 200
    assert refused.get(workflow_url(name, plan)).status_code == 403


def test_a_confirmation_page_for_a_transition_not_open_now_says_so(city, administrator):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    _, client = administrator
    assert client.get(workflow_url("lock", plan)).status_code == 400


def test_anonymous_users_are_sent_to_log_in(client, city):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    response = take(client, "mark_ready", plan)
    assert response.status_code == 302 and "logga-in" in response["Location"]
    assert fresh(plan).status == Status.DRAFT
