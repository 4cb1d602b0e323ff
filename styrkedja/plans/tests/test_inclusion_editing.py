"""What a unit's plan shows of a shared goal above its unit: which expected results and
activities, in the shared wording or its own; and taking the goal out of the plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.goals.models import Goal
from styrkedja.plans.models import Plan, PlanGoal
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


def council_of(city, unit):
    return city.other_council if unit == city.other_unit else city.council


def goals_above(city, unit):
    """KF inriktningsmål → KF mål → the nämndmål of the unit's nämnd, with its items."""
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.3", parent=direction
    )
    council_goal = factories.create_goal(
        level="council",
        owner=council_of(city, unit),
        year=city.year,
        number="1.3.3",
        parent=area,
        title="Barn och unga får stöd tidigt",
        expected_results=["Fler barn får stöd", "Kortare väntetider", "Nöjdare föräldrar"],
    )
    return direction, area, council_goal


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def council_goal(city):
    return goals_above(city, city.unit)[2]


@pytest.fixture
def editor(client, city):
    user = user_with(city, "editor")
    client.force_login(user)
    return user


def url(name, plan, goal=None):
    return reverse(f"inclusion:{name}", args=[plan.pk] + ([goal.pk] if goal else []))


def form_data(**items):
    """POST data: {"result_3": True, "result_3_text": "…"} and the like."""
    return {name: ("on" if value is True else value) for name, value in items.items()}


def test_the_form_shows_what_the_plan_shows_of_the_goal(client, city, plan, council_goal, editor):
    first, second, _third = council_goal.expected_results.all()
    activity = factories.create_activity(goal=council_goal, text="Föräldrastödsprogram")
    factories.include_goal(
        plan=plan,
        goal=council_goal,
        expected_results=[second],
        activities=[activity],
        result_wordings={second: "Kortare väntetider för barnfamiljer"},
    )
    response = client.get(url("goal", plan, council_goal))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fler barn får stöd" in page and "Nöjdare föräldrar" in page
    assert f'id="id_result_{second.pk}" checked' in page
    assert f'id="id_result_{first.pk}">' in page
    assert f'id="id_activity_{activity.pk}" checked' in page
    assert "Kortare väntetider för barnfamiljer</textarea>" in page


def test_saving_writes_the_choice_and_keeps_the_plans_indicators(
    client, city, plan, council_goal, editor
):
    first, second, third = council_goal.expected_results.all()
    kept_activity = factories.create_activity(goal=council_goal, text="Behålls")
    dropped_activity = factories.create_activity(goal=council_goal, text="Tas bort")
    indicator = factories.create_indicator(goal=council_goal)
    factories.include_goal(
        plan=plan, goal=council_goal, title="Egen rubrik", expected_results=[first]
    )
    response = client.post(
        url("goal", plan, council_goal),
        form_data(
            **{
                f"result_{second.pk}": True,
                f"result_{third.pk}": True,
                f"result_{third.pk}_text": "Nöjdare föräldrar i vår enhet",
                f"activity_{kept_activity.pk}": True,
                f"activity_{dropped_activity.pk}_text": "",
                "title": "Egen rubrik",  # as the form shows it
            }
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:edit", args=[plan.pk])
    inclusion = PlanGoal.objects.get(plan=plan, goal=council_goal)
    assert inclusion.title == "Egen rubrik"
    assert [(row.expected_result, row.text) for row in inclusion.expected_results.all()] == [
        (second, ""),
        (third, "Nöjdare föräldrar i vår enhet"),
    ]
    assert [row.activity for row in inclusion.activities.all()] == [kept_activity]
    assert [row.indicator for row in inclusion.indicators.all()] == [indicator]
    page = client.get(reverse("ui:plan", args=[city.unit.pk, 2026])).content.decode()
    assert "Nöjdare föräldrar i vår enhet" in page and "Behålls" in page
    assert "Tas bort" not in page and "Fler barn får stöd" not in page


def test_htmx_gets_the_saved_form_back(client, plan, council_goal, editor):
    first = council_goal.expected_results.first()
    response = client.post(
        url("goal", plan, council_goal),
        form_data(**{f"result_{first.pk}": True}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<form id="inclusion-form"')
    assert "Sparat. Planen visar det som är ikryssat." in html
    assert f'id="id_result_{first.pk}" checked' in html


def test_saving_a_goal_the_plan_did_not_show_adds_it(client, city, plan, council_goal, editor):
    page = client.get(url("goal", plan, council_goal)).content.decode()
    assert "Planen visar inte det här målet ännu." in page
    first = council_goal.expected_results.first()
    client.post(url("goal", plan, council_goal), form_data(**{f"result_{first.pk}": True}))
    inclusion = PlanGoal.objects.get(plan=plan, goal=council_goal)
    assert [row.expected_result for row in inclusion.expected_results.all()] == [first]
    plan_page = client.get(reverse("ui:plan", args=[city.unit.pk, 2026])).content.decode()
    assert "Barn och unga får stöd tidigt" in plan_page


def test_a_wording_for_an_item_that_is_not_shown_is_refused_and_kept(
    client, plan, council_goal, editor
):
    first, second, _third = council_goal.expected_results.all()
    factories.include_goal(plan=plan, goal=council_goal, expected_results=[first])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(
            url("goal", plan, council_goal),
            form_data(**{f"result_{second.pk}_text": "Min egen formulering"}),
            **headers,
        )
        assert response.status_code == 422
        page = response.content.decode()
        assert (
            f'id="id_result_{second.pk}_text_error"><p>Kryssa i ”Visa i planen” för att visa den '
            "med egen formulering." in page
        )
        assert "Min egen formulering</textarea>" in page
        assert 'aria-invalid="true"' in page
    inclusion = PlanGoal.objects.get(plan=plan, goal=council_goal)
    assert [row.expected_result for row in inclusion.expected_results.all()] == [first]


def test_the_shared_text_typed_again_is_kept_as_the_shared_wording(
    client, plan, council_goal, editor
):
    first = council_goal.expected_results.first()
    client.post(
        url("goal", plan, council_goal),
        form_data(
            **{f"result_{first.pk}": True, f"result_{first.pk}_text": " Fler barn får stöd "}
        ),
    )
    row = PlanGoal.objects.get(plan=plan, goal=council_goal).expected_results.get()
    assert row.text == ""


def test_activities_the_committee_gave_the_unit_are_marked(
    client, city, plan, council_goal, editor
):
    factories.create_activity(goal=council_goal, text="Vår", assigned_units=[city.unit])
    factories.create_activity(goal=council_goal, text="Grannens", assigned_units=[city.sibling])
    page = client.get(url("goal", plan, council_goal)).content.decode()
    assert page.count("(tilldelad enheten av nämnden)") == 1
    assert page.index("Vår") < page.index("(tilldelad enheten av nämnden)") < page.index("Grannens")


def test_removing_the_goal_asks_first_and_leaves_the_goal_and_other_plans(
    client, city, plan, council_goal, editor
):
    factories.include_goal(plan=plan, goal=council_goal)
    area = council_goal.parent
    factories.include_goal(plan=plan, goal=area)
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=city.year)
    factories.include_goal(plan=sibling_plan, goal=council_goal)
    remove_url = url("remove", plan, council_goal)
    confirm = client.get(remove_url).content.decode()
    assert "Vill du att planen för Familjeenheten slutar visa" in confirm
    assert "Planen visar 3 av dess förväntade resultat" in confirm
    assert PlanGoal.objects.filter(plan=plan, goal=council_goal).exists()
    assert client.post(remove_url)["Location"] == reverse("plans:edit", args=[plan.pk])
    assert list(PlanGoal.objects.filter(plan=plan).values_list("goal", flat=True)) == [area.pk]
    assert PlanGoal.objects.filter(plan=sibling_plan, goal=council_goal).exists()
    assert Goal.objects.filter(pk=council_goal.pk).exists()


def test_removing_a_goal_the_plan_does_not_show_is_not_found(client, plan, council_goal, editor):
    assert client.get(url("remove", plan, council_goal)).status_code == 404


def test_only_goals_above_the_plans_unit_of_its_year_can_be_chosen(
    client, city, plan, council_goal, editor
):
    own_goal = factories.create_goal(
        level="unit", owner=city.unit, year=city.year, parent=council_goal
    )
    sibling_goal = factories.create_goal(
        level="unit", owner=city.sibling, year=city.year, parent=council_goal
    )
    other_council_goal = goals_above(city, city.other_unit)[2]
    later = factories.create_goal(
        level="direction",
        owner=city.municipality,
        year=factories.get_or_create_year(number=2027),
        number="1",
    )
    for goal in (own_goal, sibling_goal, other_council_goal, later):
        assert client.get(url("goal", plan, goal)).status_code == 404, goal
        assert client.post(url("goal", plan, goal), {}).status_code == 404, goal
    assert not PlanGoal.objects.exists()


def test_the_overview_lists_the_goals_above_in_chain_order_with_what_is_shown(
    client, city, plan, editor
):
    direction, area, council_goal = goals_above(city, city.unit)
    second_area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.2", parent=direction
    )
    factories.create_activity(goal=council_goal)
    factories.create_activity(goal=council_goal)
    factories.include_goal(
        plan=plan,
        goal=council_goal,
        expected_results=list(council_goal.expected_results.all()[:2]),
        activities=[],
    )
    page = client.get(url("index", plan)).content.decode()
    headings = [direction.heading, second_area.heading, area.heading, council_goal.heading]
    positions = [page.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Visas: 2 av 3 förväntade resultat, 0 av 2 aktiviteter." in page
    assert page.count("Visas inte i planen.") == 3
    # Nothing of another nämnd, nor the unit's own goals.
    other = goals_above(city, city.other_unit)[2]
    assert url("goal", plan, other) not in client.get(url("index", plan)).content.decode()


def test_a_plan_that_is_not_a_draft_cannot_change_what_it_shows(client, plan, council_goal, editor):
    plan.status = Plan.Status.LOCKED
    plan.save()
    assert client.get(url("goal", plan, council_goal)).status_code == 403


# The access matrix ------------------------------------------------------------------------


def inclusion_endpoints(plan, goal):
    def included():
        PlanGoal.objects.get_or_create(plan=plan, goal=goal)
        return url("remove", plan, goal)

    both = ("GET", "POST")
    return {
        "overview": (lambda: url("index", plan), ("GET",)),
        "choose": (lambda: url("goal", plan, goal), both),
        "remove": (included, both),
    }


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_inclusion_editing_access_matrix(client, city, case):
    """The plan rule: redaktör and up on the unit and the units below it."""
    role, place = case
    unit = unit_at(city, place)
    plan = factories.create_plan(org_unit=unit, year=city.year)
    council_goal = goals_above(city, unit)[2]
    client.force_login(user_with(city, role))
    allowed = may_edit_unit_plans(role, place)
    first = council_goal.expected_results.first()
    data = form_data(**{f"result_{first.pk}": True})
    for name, (make_url, methods) in inclusion_endpoints(plan, council_goal).items():
        for way, send in request_all_ways(client, make_url, data, methods):
            PlanGoal.objects.filter(plan=plan).delete()
            check_status(send(), allowed=allowed, label=f"{name} {way}")
            if not allowed and name == "choose":
                assert not PlanGoal.objects.filter(plan=plan).exists()


# Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["overview", "choose", "choose htmx", "remove"])
def test_inclusion_views_run_the_same_number_of_queries_at_two_sizes(
    client, city, plan, council_goal, editor, view
):
    factories.create_activity(goal=council_goal, assigned_units=[city.unit])
    factories.include_goal(plan=plan, goal=council_goal)
    make_url, htmx = {
        "overview": (lambda: url("index", plan), False),
        "choose": (lambda: url("goal", plan, council_goal), False),
        "choose htmx": (lambda: url("goal", plan, council_goal), True),
        "remove": (lambda: url("remove", plan, council_goal), False),
    }[view]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    def count():
        client.get(make_url(), **headers)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(make_url(), **headers).status_code == 200
        return len(queries)

    small = count()
    for n in range(4):
        result = factories.create_expected_result(goal=council_goal, text=f"Resultat {n}")
        unit = factories.create_org_unit(name=f"Enhet {n}", parent=city.department)
        activity = factories.create_activity(goal=council_goal, assigned_units=[unit, city.unit])
        indicator = factories.create_indicator(goal=council_goal)
        inclusion = PlanGoal.objects.get(plan=plan, goal=council_goal)
        inclusion.expected_results.create(expected_result=result, position=10 + n)
        inclusion.activities.create(activity=activity, position=10 + n)
        inclusion.indicators.create(indicator=indicator, position=10 + n)
        factories.create_goal(
            level="council",
            owner=city.council,
            year=city.year,
            parent=council_goal.parent,
            expected_results=["Ett", "Två"],
        )
    assert count() == small
