"""Starting year N+1 for a nämnd from year N: the copy, its links, what stays, and who may."""

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.activities.models import Activity, ActivityAssignment
from styrkedja.goals import levels
from styrkedja.goals.models import Agenda2030Tag, ExpectedResult, Goal
from styrkedja.indicators.models import GoalIndicator, Indicator, Target
from styrkedja.org.models import OrgUnit, Role
from styrkedja.plans.models import (
    Plan,
    PlanActivity,
    PlanExpectedResult,
    PlanGoal,
    PlanIndicator,
    PlanSection,
)
from styrkedja.plans.rollover import moved_dates, preview_rollover, roll_over_council
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import check_status, request_all_ways

D = datetime.date


@dataclass
class World:
    kf_direction: Goal
    kf_area: Goal
    kf_activity: Activity
    kf_indicator: Indicator
    council_goal: Goal
    council_activity: Activity
    council_indicator: Indicator
    unit_goal: Goal
    council_plan: Plan
    unit_plan: Plan
    sibling_plan: Plan
    other_goal: Goal


def build_world(city):
    """KF goals, a nämndmål and an enhetsmål with everything hanging on them, and three plans."""
    year = city.year
    kommun, council, unit = city.municipality, city.council, city.unit
    kf_direction = factories.create_goal(
        level=levels.DIRECTION, owner=kommun, year=year, number="1", title="En stad för alla"
    )
    kf_area = factories.create_goal(
        level=levels.AREA,
        owner=kommun,
        year=year,
        number="1.3",
        title="Barn och unga har goda uppväxtvillkor",
        parent=kf_direction,
        agenda_2030=["4", "16.1"],
    )
    kf_activity = factories.create_activity(
        goal=kf_area,
        text="Socialnämnden ska i samarbete med stadsdelsnämnderna utveckla stödet",
        starts_on=D(year.number, 1, 1),
        ends_on=D(year.number, 12, 31),
        assigned_units=[council, city.other_council],
    )
    kf_indicator = factories.create_indicator(
        name="Andel elever som känner sig trygga", goal=kf_area
    )
    factories.create_target(indicator=kf_indicator, org_unit=kommun, year=year, text="70 %")
    factories.create_target(
        indicator=kf_indicator, org_unit=kommun, year=year, text="75 %", version=2
    )
    council_goal = factories.create_goal(
        level=levels.COUNCIL,
        owner=council,
        year=year,
        number="1.3.1",
        title="Barn i behov av stöd får det tidigt",
        parent=kf_area,
        description="Förvaltningen samverkar med skolan.",
        expected_results=["Fler familjer får stöd", "Kortare väntetider"],
    )
    council_activity = factories.create_activity(
        goal=council_goal,
        text="Förvaltningen inför familjecentraler",
        starts_on=D(year.number, 3, 1),
        ends_on=D(year.number, 10, 31),
        assigned_units=[unit, city.sibling],
    )
    council_indicator = factories.create_indicator(
        name="Andel nöjda föräldrar", goal=council_goal, owner_kind=OrgUnit.Kind.COUNCIL
    )
    factories.attach_indicator(goal=council_goal, indicator=kf_indicator)
    factories.create_target(indicator=council_indicator, org_unit=council, year=year, text="80 %")
    factories.create_target(indicator=council_indicator, org_unit=unit, year=year, text="85 %")
    factories.create_target(indicator=kf_indicator, org_unit=council, year=year, text="72 %")
    unit_goal = factories.create_goal(
        level=levels.UNIT,
        owner=unit,
        year=year,
        title="Familjer får stöd i tid",
        parent=council_goal,
        ways_of_working="Vi arbetar med tidiga insatser.",
        expected_results=["Ingen väntar mer än två veckor"],
    )
    factories.create_activity(
        goal=unit_goal, text="Enheten ser över rutinerna", starts_on=D(year.number, 2, 1)
    )
    factories.attach_indicator(goal=unit_goal, indicator=council_indicator)

    council_plan = factories.create_plan(
        org_unit=council, year=year, status=Plan.Status.LOCKED, case_number="SDN 2026/12"
    )
    factories.create_section(plan=council_plan, heading="Inledning", body="Nämnden …")
    factories.create_section(
        plan=council_plan, heading="Uppföljning av ekonomi", placement="closing"
    )
    factories.include_goal(
        plan=council_plan,
        goal=kf_area,
        description="Nämndens berättelse om området.",
        activity_wordings={kf_activity: "Nämnden deltar i arbetet med stödet."},
    )
    unit_plan = factories.create_plan(org_unit=unit, year=year, status=Plan.Status.ADOPTED)
    factories.create_section(plan=unit_plan, heading="Enhetens uppdrag", body="Vi ger stöd.")
    first_result = council_goal.expected_results.first()
    factories.include_goal(
        plan=unit_plan,
        goal=council_goal,
        expected_results=[first_result],
        result_wordings={first_result: "Fler familjer i stadsdelen får stöd"},
        title="Nämndmålet i enhetens ord",
    )
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=year)

    # Another nämnd under the same KF goal, for sharing the KF copy.
    other_goal = factories.create_goal(
        level=levels.COUNCIL, owner=city.other_council, year=year, number="1.3.2", parent=kf_area
    )
    factories.create_plan(org_unit=city.other_council, year=year)

    world = World(
        kf_direction=kf_direction,
        kf_area=kf_area,
        kf_activity=kf_activity,
        kf_indicator=kf_indicator,
        council_goal=council_goal,
        council_activity=council_activity,
        council_indicator=council_indicator,
        unit_goal=unit_goal,
        council_plan=council_plan,
        unit_plan=unit_plan,
        sibling_plan=sibling_plan,
        other_goal=other_goal,
    )
    return world


def grow(city, world, extra):
    """`extra` more of every relation the rollover reads: goals, their expected results,
    activities, assignments, indicators and targets, plan sections, inclusions, and units
    with plans and goals of their own."""
    year = world.council_plan.year
    council, kf_area = city.council, world.kf_area
    for n in range(extra):
        goal = factories.create_goal(
            level=levels.COUNCIL,
            owner=council,
            year=year,
            parent=kf_area,
            expected_results=[f"Resultat {n}"],
        )
        child = factories.create_org_unit(name=f"Extraenheten {n}", parent=city.department)
        factories.create_plan(org_unit=child, year=year)
        factories.create_activity(goal=goal, assigned_units=[child], starts_on=D(year.number, 5, 5))
        indicator = factories.create_indicator(goal=goal)
        factories.create_target(indicator=indicator, org_unit=council, year=year, text="50 %")
        factories.create_target(indicator=indicator, org_unit=child, year=year, text="55 %")
        factories.create_section(plan=world.council_plan, heading=f"Extra {n}")
        factories.create_goal(level=levels.UNIT, owner=child, year=year, parent=goal)
        factories.include_goal(plan=world.unit_plan, goal=goal)


@pytest.fixture
def world(city):
    return build_world(city)


def snapshot(year_number):
    """Every row of the year, field by field."""
    in_year = {
        Goal: {"year__number": year_number},
        ExpectedResult: {"goal__year__number": year_number},
        Activity: {"goal__year__number": year_number},
        ActivityAssignment: {"activity__goal__year__number": year_number},
        GoalIndicator: {"goal__year__number": year_number},
        Agenda2030Tag: {"goal__year__number": year_number},
        Target: {"year__number": year_number},
        Plan: {"year__number": year_number},
        PlanSection: {"plan__year__number": year_number},
        PlanGoal: {"plan__year__number": year_number},
        PlanExpectedResult: {"plan_goal__plan__year__number": year_number},
        PlanActivity: {"plan_goal__plan__year__number": year_number},
        PlanIndicator: {"plan_goal__plan__year__number": year_number},
    }
    return {
        model.__name__: list(model.objects.filter(**lookup).order_by("pk").values())
        for model, lookup in in_year.items()
    }


def row_counts():
    models = [Goal, ExpectedResult, Activity, ActivityAssignment, GoalIndicator, Agenda2030Tag]
    models += [Target, Plan, PlanSection, PlanGoal, PlanExpectedResult, PlanActivity, PlanIndicator]
    return {model.__name__: model.objects.count() for model in models}


# The copy -----------------------------------------------------------------------------------


def test_the_plans_are_copied_as_drafts_with_their_sections_and_linked_to_their_sources(
    city, world
):
    roll_over_council(council=city.council, from_year=2026)
    copies = Plan.objects.filter(year__number=2027).order_by("org_unit__path")
    assert {plan.org_unit for plan in copies} == {city.council, city.unit, city.sibling}
    for copy in copies:
        assert copy.status == Plan.Status.DRAFT and copy.kind == "VP"
        assert copy.case_number == "" and copy.decided_on is None
        assert copy.source.org_unit == copy.org_unit and copy.source.year.number == 2026
    council_copy = copies.get(org_unit=city.council)
    assert [
        (s.heading, s.placement, s.body, s.source.plan) for s in council_copy.sections.all()
    ] == [
        ("Inledning", "opening", "Nämnden …", world.council_plan),
        ("Uppföljning av ekonomi", "closing", "", world.council_plan),
    ]


def test_the_goals_the_plans_show_are_copied_under_the_copied_parents(city, world):
    roll_over_council(council=city.council, from_year=2026)
    copies = {goal.previous_year_goal: goal for goal in Goal.objects.filter(year__number=2027)}
    assert set(copies) == {world.kf_direction, world.kf_area, world.council_goal, world.unit_goal}
    for source, copy in copies.items():
        assert (copy.title, copy.number, copy.owner, copy.level, copy.position) == (
            source.title,
            source.number,
            source.owner,
            source.level,
            source.position,
        )
        assert copy.parent == (copies[source.parent] if source.parent else None)
    assert copies[world.council_goal].description == "Förvaltningen samverkar med skolan."
    assert copies[world.unit_goal].ways_of_working == "Vi arbetar med tidiga insatser."
    area = copies[world.kf_area]
    assert sorted(tag.code for tag in area.agenda_2030_tags.all()) == ["16.1", "4"]
    # The other nämnd's goal is not this nämnd's to copy.
    assert not world.other_goal.next_year_goals.exists()


def test_expected_results_activities_and_indicators_come_with_their_goal(city, world):
    roll_over_council(council=city.council, from_year=2026)
    council_copy = world.council_goal.next_year_goals.get()
    assert [(r.text, r.source.goal) for r in council_copy.expected_results.all()] == [
        ("Fler familjer får stöd", world.council_goal),
        ("Kortare väntetider", world.council_goal),
    ]
    activity = council_copy.activities.get()
    assert activity.source == world.council_activity
    assert activity.text == "Förvaltningen inför familjecentraler"
    assert set(activity.assigned_units.all()) == {city.unit, city.sibling}
    # Indicators are a shared catalogue: the copy follows the same ones.
    assert [link.indicator for link in council_copy.goal_indicators.all()] == [
        world.council_indicator,
        world.kf_indicator,
    ]
    assert Indicator.objects.count() == 2
    kf_activity = world.kf_area.next_year_goals.get().activities.get()
    assert set(kf_activity.assigned_units.all()) == {city.council, city.other_council}


def test_targets_for_the_indicators_are_copied_from_their_newest_version(city, world):
    roll_over_council(council=city.council, from_year=2026)
    copies = Target.objects.filter(year__number=2027).select_related("source", "org_unit")
    found = {(t.indicator, t.org_unit): t for t in copies}
    assert {key: t.original_text for key, t in found.items()} == {
        (world.kf_indicator, city.municipality): "75 %",
        (world.kf_indicator, city.council): "72 %",
        (world.council_indicator, city.council): "80 %",
        (world.council_indicator, city.unit): "85 %",
    }
    for target in copies:
        assert target.source.year.number == 2026
        assert target.source.original_text == target.original_text
        assert target.version == 1 and target.decided_by == "" and target.decided_on is None


def test_what_a_plan_includes_is_repointed_to_the_copies_with_its_own_wording(city, world):
    roll_over_council(council=city.council, from_year=2026)
    unit_copy = Plan.objects.get(year__number=2027, org_unit=city.unit)
    inclusion = unit_copy.included_goals.get()
    assert inclusion.goal == world.council_goal.next_year_goals.get()
    assert inclusion.title == "Nämndmålet i enhetens ord"
    result = inclusion.expected_results.get()
    assert result.text == "Fler familjer i stadsdelen får stöd"
    assert result.expected_result.source == world.council_goal.expected_results.first()
    activity = inclusion.activities.get()
    assert activity.activity.source == world.council_activity
    assert [item.indicator for item in inclusion.indicators.all()] == [
        world.council_indicator,
        world.kf_indicator,
    ]
    council_inclusion = Plan.objects.get(
        year__number=2027, org_unit=city.council
    ).included_goals.get()
    assert council_inclusion.goal.previous_year_goal == world.kf_area
    assert council_inclusion.description == "Nämndens berättelse om området."
    assert council_inclusion.activities.get().text == "Nämnden deltar i arbetet med stödet."


def test_the_new_plan_page_shows_the_copied_goals(client, city, world):
    roll_over_council(council=city.council, from_year=2026)
    client.force_login(factories.create_user(is_superuser=True))
    page = client.get(reverse("ui:plan", args=[city.unit.pk, 2027])).content.decode()
    assert "Nämndmålet i enhetens ord" in page
    assert "Fler familjer i stadsdelen får stöd" in page
    assert "Familjer får stöd i tid" in page
    assert "85 %" in page and "75 %" in page


def test_nothing_in_the_year_copied_from_changes(city, world):
    before = snapshot(2026)
    roll_over_council(council=city.council, from_year=2026)
    roll_over_council(council=city.other_council, from_year=2026)
    assert snapshot(2026) == before


def test_rolling_over_twice_creates_nothing_new_and_says_so(city, world):
    first = roll_over_council(council=city.council, from_year=2026)
    counts = row_counts()
    second = roll_over_council(council=city.council, from_year=2026)
    assert row_counts() == counts
    assert not second.created_anything
    assert second.existing == first.created
    assert first.created.goals == 4 and first.created.plans == 3


def test_the_preview_counts_what_the_rollover_then_creates_and_writes_nothing(city, world):
    counts = row_counts()
    preview = preview_rollover(council=city.council, from_year=2026)
    assert row_counts() == counts
    result = roll_over_council(council=city.council, from_year=2026)
    assert preview.created == result.created
    created = {name: row_counts()[name] - counts[name] for name in counts}
    assert created["Plan"] == result.created.plans
    assert created["PlanSection"] == result.created.sections
    assert created["PlanGoal"] == result.created.plan_inclusions
    assert created["Goal"] == result.created.goals
    assert created["ExpectedResult"] == result.created.expected_results
    assert created["Activity"] == result.created.activities
    assert created["GoalIndicator"] == result.created.indicator_links
    assert created["Target"] == result.created.targets


def test_kf_goals_are_copied_once_and_shared_by_the_nämnder_rolling_over(city, world):
    roll_over_council(council=city.council, from_year=2026)
    second = roll_over_council(council=city.other_council, from_year=2026)
    kf_area_copy = world.kf_area.next_year_goals.get()
    assert world.kf_direction.next_year_goals.count() == 1
    assert world.other_goal.next_year_goals.get().parent == kf_area_copy
    assert second.created.goals == 1 and second.existing.goals == 2
    # KF:s årsmål too: the kommun's target was copied by the first nämnd.
    assert Target.objects.filter(year__number=2027, org_unit=city.municipality).count() == 1
    assert kf_area_copy.activities.count() == 1


def test_a_goal_added_after_the_rollover_is_copied_on_the_next_run(city, world):
    roll_over_council(council=city.council, from_year=2026)
    late = factories.create_goal(
        level=levels.UNIT, owner=city.unit, year=city.year, parent=world.council_goal, title="Sent"
    )
    result = roll_over_council(council=city.council, from_year=2026)
    assert result.created.goals == 1 and result.created.plans == 0
    assert late.next_year_goals.get().parent == world.council_goal.next_year_goals.get()


def test_a_plan_for_the_new_year_that_was_not_copied_is_left_alone(city, world):
    next_year = factories.get_or_create_year(number=2027)
    own = factories.create_plan(org_unit=city.sibling, year=next_year)
    factories.create_section(plan=own, heading="Egen text")
    result = roll_over_council(council=city.council, from_year=2026)
    assert result.kept_plans == [own]
    assert result.created.plans == 2
    assert [s.heading for s in own.sections.all()] == ["Egen text"]
    assert own.source is None


def test_a_unit_closed_at_the_end_of_the_year_is_not_carried_over(city, world):
    city.sibling.valid_to = D(2026, 12, 31)
    city.sibling.save()
    closed_goal = factories.create_goal(
        level=levels.UNIT, owner=city.sibling, year=city.year, parent=world.council_goal
    )
    roll_over_council(council=city.council, from_year=2026)
    assert not Plan.objects.filter(year__number=2027, org_unit=city.sibling).exists()
    assert not closed_goal.next_year_goals.exists()
    activity = world.council_activity.copies.get()
    assert list(activity.assigned_units.all()) == [city.unit]


def test_only_a_nämnd_can_be_rolled_over(city, world):
    with pytest.raises(ValueError):
        roll_over_council(council=city.unit, from_year=2026)


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        (D(2028, 1, 1), D(2028, 12, 31), (D(2029, 1, 1), D(2029, 12, 31))),
        (D(2028, 2, 29), D(2028, 2, 29), (D(2029, 2, 28), D(2029, 2, 28))),
        (D(2027, 1, 1), D(2028, 8, 31), (D(2027, 1, 1), D(2029, 8, 31))),
        (D(2028, 3, 1), D(2029, 2, 1), (D(2029, 3, 1), D(2030, 2, 1))),
        (D(2028, 3, 1), D(2032, 2, 29), (D(2029, 3, 1), D(2032, 2, 29))),
        (None, D(2028, 6, 30), (None, D(2029, 6, 30))),
        (None, None, (None, None)),
    ],
)
def test_activity_dates_in_the_year_move_a_year_on(starts_on, ends_on, expected):
    assert moved_dates(starts_on, ends_on, 2028) == expected


def test_the_copied_activities_carry_the_moved_dates(city):
    leap_year = factories.get_or_create_year(number=2028)
    kf = factories.create_goal(level=levels.DIRECTION, owner=city.municipality, year=leap_year)
    area = factories.create_goal(
        level=levels.AREA, owner=city.municipality, year=leap_year, parent=kf
    )
    goal = factories.create_goal(
        level=levels.COUNCIL, owner=city.council, year=leap_year, parent=area
    )
    leap = factories.create_activity(goal=goal, starts_on=D(2028, 2, 29), ends_on=D(2028, 12, 31))
    spanning = factories.create_activity(goal=goal, starts_on=D(2027, 9, 1), ends_on=D(2028, 2, 29))
    factories.create_plan(org_unit=city.council, year=leap_year)
    roll_over_council(council=city.council, from_year=2028)
    assert (leap.copies.get().starts_on, leap.copies.get().ends_on) == (
        D(2029, 2, 28),
        D(2029, 12, 31),
    )
    assert (spanning.copies.get().starts_on, spanning.copies.get().ends_on) == (
        D(2027, 9, 1),
        D(2029, 2, 28),
    )


# Through the browser -------------------------------------------------------------------------


@pytest.fixture
def reviewer(client, city):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.council, role=Role.REVIEWER)
    client.force_login(user)
    return user


def test_the_page_shows_what_will_be_created_for_the_latest_year(client, city, world, reviewer):
    factories.create_plan(org_unit=city.unit, year=factories.get_or_create_year(number=2025))
    page = client.get(reverse("rollover:start", args=[city.council.pk])).content.decode()
    assert "Starta ett nytt år för Södra stadsdelsnämnden" in page
    assert "Från 2026 till 2027" in page
    assert '<option value="2026" selected>' in page
    assert '<th scope="row">Verksamhetsplaner</th><td>3</td><td>0</td>' in page
    assert '<th scope="row">Mål</th><td>4</td><td>0</td>' in page
    assert "Starta år 2027" in page
    assert not Plan.objects.filter(year__number=2027).exists()


def test_the_page_shows_another_year_when_asked(client, city, world, reviewer):
    earlier = factories.get_or_create_year(number=2025)
    factories.create_plan(org_unit=city.unit, year=earlier)
    url = reverse("rollover:start", args=[city.council.pk])
    page = client.get(url, {"from_year": 2025}).content.decode()
    assert "Från 2025 till 2026" in page
    # 2026 already has a VP plan for the unit that was not copied from 2025.
    assert "De här planerna för 2026 kopierades inte från 2025" in page


def test_an_unknown_year_is_refused_with_a_message(client, city, world, reviewer):
    url = reverse("rollover:start", args=[city.council.pk])
    response = client.post(url, {"from_year": 2019})
    assert response.status_code == 422
    assert "Välj ett av åren som har planer." in response.content.decode()
    assert client.get(url, {"from_year": "x"}).status_code == 422
    assert not Plan.objects.filter(year__number=2027).exists()


def test_a_nämnd_without_plans_has_nothing_to_copy(client, city, reviewer):
    page = client.get(reverse("rollover:start", args=[city.council.pk])).content.decode()
    assert "Nämnden och dess enheter har ingen verksamhetsplan att kopiera från." in page
    assert "<button" not in page.split("<main")[1].split("</main>")[0]


def test_confirming_starts_the_year_and_leads_to_the_new_plan(client, city, world, reviewer):
    url = reverse("rollover:start", args=[city.council.pk])
    response = client.post(url, {"from_year": 2026})
    assert response["Location"] == reverse("rollover:done", args=[city.council.pk, 2027])
    page = client.get(response["Location"]).content.decode()
    assert "År 2027 har startats för Södra stadsdelsnämnden" in page
    assert reverse("ui:plan", args=[city.council.pk, 2027]) in page
    assert client.get(reverse("ui:plan", args=[city.council.pk, 2027])).status_code == 200
    # The message is shown once.
    assert "har startats" not in client.get(response["Location"]).content.decode()


def test_confirming_again_creates_nothing_and_says_so(client, city, world, reviewer):
    url = reverse("rollover:start", args=[city.council.pk])
    client.post(url, {"from_year": 2026})
    counts = row_counts()
    page = client.post(url, {"from_year": 2026}, follow=True).content.decode()
    assert "Inget nytt skapades: år 2027 har redan en kopia av allt i 2026." in page
    assert row_counts() == counts
    # The new year has plans now, so the page offers to go on from it unless asked otherwise.
    assert '<option value="2027" selected>' in client.get(url).content.decode()
    preview = client.get(url, {"from_year": 2026}).content.decode()
    assert "det finns inget mer att kopiera" in preview
    assert "Starta år 2027" not in preview


def test_only_a_nämnd_has_a_rollover_page(client, city, world):
    client.force_login(factories.create_user(is_superuser=True))
    assert client.get(reverse("rollover:start", args=[city.unit.pk])).status_code == 404
    assert client.get(reverse("rollover:start", args=[city.municipality.pk])).status_code == 404
    assert client.get(reverse("rollover:done", args=[city.unit.pk, 2027])).status_code == 404
    assert client.get(reverse("rollover:start", args=[99999])).status_code == 404


# Access ---------------------------------------------------------------------------------------

PLACES = ("the nämnd", "the kommun", "a unit of the nämnd", "another nämnd")
ROLES = (None, Role.READER, Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR)
CASES = [(role, place) for role in ROLES for place in PLACES]


def membership_place(city, place):
    return {
        "the nämnd": city.council,
        "the kommun": city.municipality,
        "a unit of the nämnd": city.unit,
        "another nämnd": city.other_council,
    }[place]


def may_roll_over(role, place):
    """Granskare or administratör on the nämnd, directly or from the kommun node."""
    return role in (Role.REVIEWER, Role.ADMINISTRATOR) and place in ("the nämnd", "the kommun")


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0] or 'no-role'}-{case[1]}")
def test_rollover_access_matrix(client, city, world, case):
    role, place = case
    user = factories.create_user()
    if role is not None:
        factories.create_membership(user=user, org_unit=membership_place(city, place), role=role)
    client.force_login(user)
    allowed = may_roll_over(role, place)
    endpoints = {
        "rollover page": lambda: reverse("rollover:start", args=[city.council.pk]),
        "done page": lambda: reverse("rollover:done", args=[city.council.pk, 2027]),
    }
    methods = {"rollover page": ("GET", "POST"), "done page": ("GET",)}
    for name, make_url in endpoints.items():
        for way, send in request_all_ways(client, make_url, {"from_year": 2026}, methods[name]):
            check_status(send(), allowed=allowed, label=f"{name} {way}")
    assert Plan.objects.filter(year__number=2027).exists() == allowed


def test_a_superuser_may_roll_over_any_nämnd(client, city, world):
    client.force_login(factories.create_user(is_superuser=True))
    response = client.post(
        reverse("rollover:start", args=[city.other_council.pk]), {"from_year": 2026}
    )
    assert response.status_code == 302


def test_an_anonymous_visitor_is_sent_to_log_in(client, city, world):
    response = client.get(reverse("rollover:start", args=[city.council.pk]))
    assert response.status_code == 302 and "logga-in" in response["Location"]


# Query budget ---------------------------------------------------------------------------------


@pytest.mark.parametrize("after_a_rollover", [False, True], ids=["before", "after-a-rollover"])
def test_the_rollover_page_runs_the_same_number_of_queries_at_two_sizes(
    client, city, world, reviewer, after_a_rollover
):
    url = reverse("rollover:start", args=[city.council.pk])

    def count():
        if after_a_rollover:
            roll_over_council(council=city.council, from_year=2026)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    grow(city, world, 3)
    assert count() == small


def test_the_done_page_runs_the_same_number_of_queries_at_two_sizes(client, city, world, reviewer):
    url = reverse("rollover:done", args=[city.council.pk, 2027])

    def count():
        roll_over_council(council=city.council, from_year=2026)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    grow(city, world, 3)
    assert count() == small
