"""The demo city: built once, the shape issue #2 asks for, and every page of it renders."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from styrkedja.activities.models import Activity
from styrkedja.goals.models import Goal
from styrkedja.history.models import Change
from styrkedja.indicators.models import Outcome, Target
from styrkedja.indicators.targets import TargetKind
from styrkedja.org.models import Membership, OrgUnit, Role, User
from styrkedja.plans.models import Plan
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.workflow.models import Transition

CURRENT = 2026


@pytest.fixture
def demo(db):
    output = StringIO()
    call_command("seed_demo", year=CURRENT, stdout=output)
    return output.getvalue()


def test_seed_demo_prints_a_login_for_every_role_and_a_superuser(demo):
    for username in ("admin", "kommunadmin", "administrator", "granskare", "redaktor", "lasare"):
        assert username in demo
        assert User.objects.get(username=username).check_password("styrkedja-demo")
    assert User.objects.get(username="admin").is_superuser
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_seed_demo_is_idempotent(demo):
    counts = {
        model: model.objects.count()
        for model in (OrgUnit, Goal, Target, Activity, Plan, Outcome, User)
    }
    output = StringIO()
    call_command("seed_demo", year=CURRENT, stdout=output)
    assert "finns redan" in output.getvalue()
    assert {model: model.objects.count() for model in counts} == counts


def test_the_demo_city_has_the_organisation_of_the_issue(demo):
    municipality = OrgUnit.objects.get(kind=OrgUnit.Kind.MUNICIPALITY)
    assert municipality.name == "Exempelstad"
    councils = OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNCIL)
    assert councils.count() == 2
    shapes = sorted(
        (
            OrgUnit.objects.descendants_of(council).filter(kind=OrgUnit.Kind.DEPARTMENT).count(),
            OrgUnit.objects.descendants_of(council).filter(kind=OrgUnit.Kind.UNIT).count(),
        )
        for council in councils
    )
    assert shapes == [(0, 2), (2, 6)]


@pytest.mark.parametrize("year", [CURRENT - 1, CURRENT])
def test_each_year_has_the_kf_goals_and_every_unit_a_full_plan(demo, year):
    goals = Goal.objects.for_year(year)
    assert goals.filter(level__code="direction").count() == 3
    assert goals.filter(level__code="area").count() == 8
    area_goals = goals.filter(level__code="area")
    assert all(goal.goal_indicators.exists() for goal in area_goals)
    assert Activity.objects.filter(goal__in=area_goals).exists()
    for unit in OrgUnit.objects.filter(kind=OrgUnit.Kind.UNIT):
        plan = Plan.objects.get(org_unit=unit, year__number=year, kind="VP")
        unit_goals = goals.filter(owner=unit)
        assert 3 <= unit_goals.count() <= 6, unit
        for goal in unit_goals:
            assert goal.expected_results.exists()
            assert goal.ways_of_working and goal.resource_use and goal.follow_up
            assert 1 <= goal.activities.count() <= 3
        assert plan.sections.filter(placement="opening").exists()
        assert plan.sections.filter(placement="closing").exists()


def test_targets_of_every_special_kind_appear(demo):
    kinds = set(Target.objects.values_list("kind", flat=True))
    assert {
        TargetKind.VALUE,
        TargetKind.MAXIMUM,
        TargetKind.BAND,
        TargetKind.SET_BY_COUNCIL,
        TargetKind.INCREASE,
        TargetKind.DECREASE,
        TargetKind.TO_BE_DECIDED,
        TargetKind.NONE,
    } <= kinds
    assert (
        Target.objects.filter(org_unit__kind=OrgUnit.Kind.UNIT)
        .exclude(kind=TargetKind.VALUE)
        .exists()
    )


def test_the_previous_year_has_outcomes_for_t1_t2_and_vb_and_goals_link_back(demo):
    kinds = set(
        Outcome.objects.filter(period__year__number=CURRENT - 1).values_list(
            "period__kind", flat=True
        )
    )
    assert kinds == {"T1", "T2", "VB"}
    assert Outcome.objects.filter(sex="women").exists()
    current_goals = Goal.objects.for_year(CURRENT)
    assert current_goals.filter(previous_year_goal__isnull=False).count() == current_goals.count()


def test_every_demo_plan_page_renders_for_the_superuser(client, demo):
    client.force_login(User.objects.get(username="admin"))
    start = client.get(reverse("ui:start"))
    assert start.status_code == 200
    for plan in Plan.objects.select_related("year"):
        response = client.get(reverse("ui:plan", args=[plan.org_unit_id, plan.year.number]))
        assert response.status_code == 200, plan


def test_the_demo_editor_reads_their_unit_but_not_the_other_council(client, demo):
    client.force_login(User.objects.get(username="redaktor"))
    editor_unit = Membership.objects.get(user__username="redaktor").org_unit
    other_council = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNCIL)
        .exclude(pk__in=editor_unit.ancestor_ids)
        .get()
    )
    assert client.get(reverse("ui:plan", args=[editor_unit.pk, CURRENT])).status_code == 200
    assert client.get(reverse("ui:plan", args=[other_council.pk, CURRENT])).status_code == 403


def _page_text(response):
    return " ".join(response.content.decode().split())


def test_a_demo_unit_plan_shows_its_chain_sections_and_goals(client, demo):
    unit = OrgUnit.objects.get(name="Barn- och familjeenheten")
    client.force_login(User.objects.get(username="redaktor"))
    page = _page_text(client.get(reverse("ui:plan", args=[unit.pk, CURRENT])))

    plan = Plan.objects.get(org_unit=unit, year__number=CURRENT, kind="VP")
    for section in plan.sections.all():
        assert section.heading in page
    for goal in Goal.objects.for_year(CURRENT).filter(owner=unit):
        assert f"Enhetsmål: {goal.title}" in page
        assert goal.parent.title in page  # the nämndmål it hangs on
        assert goal.parent.parent.title in page  # and the KF area goal above
    assert "KF:s inriktningsmål: " in page
    assert '<th scope="col">KF:s årsmål</th>' in response_html(client, unit)
    # Only the unit's own enhetsmål, not those of its siblings.
    sibling_goal = (
        Goal.objects.for_year(CURRENT).filter(level__code="unit").exclude(owner=unit).first()
    )
    assert f"Enhetsmål: {sibling_goal.title}" not in page


def response_html(client, unit):
    return client.get(reverse("ui:plan", args=[unit.pk, CURRENT])).content.decode()


def test_a_demo_council_plan_shows_its_goals_with_the_unit_goals_under_them(client, demo):
    council = OrgUnit.objects.get(name="Norrdalens stadsdelsnämnd")
    client.force_login(User.objects.get(username="granskare"))
    page = _page_text(client.get(reverse("ui:plan", args=[council.pk, CURRENT])))

    for council_goal in Goal.objects.for_year(CURRENT).filter(owner=council):
        heading = f"Nämndmål: {council_goal.number} {council_goal.title}"
        assert heading in page
        for unit_goal in council_goal.children.select_related("owner"):
            assert page.index(f"Enhetsmål: {unit_goal.title}") > page.index(heading)
            assert f"Mål för {unit_goal.owner.name}" in page


def test_the_demo_redaktor_has_edited_a_goal_so_the_plan_has_a_history(demo):
    redaktor = User.objects.get(username="redaktor")
    changes = Change.objects.filter(
        actor=redaktor, year_id__in=Goal.objects.filter(year__number=CURRENT).values("year_id")
    )
    assert {(change.object_type, change.action) for change in changes} == {
        ("goals.goal", Change.Action.UPDATE),
        ("goals.expectedresult", Change.Action.CREATE),
    }
    edited = changes.get(action=Change.Action.UPDATE)
    old, new = edited.fields["follow_up"]
    assert new.startswith(old) and new.endswith("varje månad.")
    assert Goal.objects.get(pk=edited.goal_id).revision == 2


def test_last_years_reports_are_in_every_state_of_the_workflow(demo):
    reports = Plan.objects.filter(year__number=CURRENT - 1).exclude(kind="VP")
    states = {(plan.kind, plan.status) for plan in reports}
    assert {("T1", "locked"), ("T2", "locked"), ("T1", "adopted")} <= states
    annual = {plan.status for plan in reports.filter(kind="VB")}
    assert annual == {"adopted", "ready", "draft"}
    units = OrgUnit.objects.filter(kind=OrgUnit.Kind.UNIT)
    assert reports.filter(kind="VB").count() < units.count()  # some have not started
    returned = Transition.objects.filter(action="return", plan__kind="VB")
    assert returned.exists() and all(t.comment for t in returned)
    assert GoalAssessment.objects.filter(period__year__number=CURRENT - 1).exists()
    assert ActivityStatus.objects.filter(period__year__number=CURRENT - 1).exists()
