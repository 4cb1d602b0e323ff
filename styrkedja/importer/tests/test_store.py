"""Storing parsed plans: shared goals once, each plan's own selection and wording, idempotent."""

import copy

import pytest

from styrkedja.activities.models import Activity
from styrkedja.exporter.json_export import plans_to_json
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.importer.parsed import (
    ParsedActivity,
    ParsedDocument,
    ParsedGoal,
    ParsedIndicator,
    ParsedPlan,
    ParsedSection,
    documents_to_json,
)
from styrkedja.importer.store import PLACEHOLDER_COUNCIL, PlanStore
from styrkedja.indicators.models import Indicator, Target
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan, PlanExpectedResult, PlanGoal

COUNCIL_RESULTS = [
    "Barn får stöd i rätt tid.",
    "Föräldrar erbjuds föräldraskapsstöd.",
    "Samverkan med skolan är tät.",
]


def unit_plan(unit, *, results, enhetsmal_title="Fler familjer får tidigt stöd", extra=""):
    council_goal = ParsedGoal(
        level="council",
        number="1.3.2",
        title="Barn och unga får det stöd de behöver",
        description="Nämnden arbetar förebyggande.",
        expected_results=list(results),
        activities=[
            ParsedActivity("Nämnden inför en ny samverkansrutin", "2026-01-01", "2026-12-31")
        ],
        children=[
            ParsedGoal(
                level="unit",
                title=enhetsmal_title,
                expected_results=[
                    "Väntetiden är kortare än fyra veckor.",
                    "Alla får ett erbjudande.",
                ],
                ways_of_working="Enheten har öppen mottagning två dagar i veckan." + extra,
                resource_use="Inom befintlig ram.",
                follow_up="Följs upp varje tertial.",
                indicators=[ParsedIndicator("Andel nöjda föräldrar", "80 %", "", "År")],
                activities=[ParsedActivity("Starta en föräldragrupp", "2026-02-01", "2026-06-30")],
            )
        ],
    )
    area = ParsedGoal(
        level="area",
        number="1.3",
        title="Stöd och omsorg där behoven är störst",
        indicators=[
            ParsedIndicator(
                "Andel barn som fått stöd inom en månad", "70 %", "Tas fram av nämnd", "Tertial"
            )
        ],
        children=[council_goal],
    )
    direction = ParsedGoal(
        level="direction", number="1", title="En stad som håller samman", children=[area]
    )
    return ParsedPlan(
        unit=unit,
        year=2026,
        goals=[direction],
        opening_sections=[
            ParsedSection(
                "Enhetens uppdrag", "Enheten ger stöd till familjer.\n\nDen har tio medarbetare."
            )
        ],
        closing_sections=[ParsedSection("Övrigt", "Inget att tillägga.", placement="closing")],
    )


def store(plan, **options):
    return PlanStore(**options).store(plan, unit_name=plan.unit)


@pytest.fixture
def council_name():
    return "Södermalms stadsdelsnämnd"


def test_a_plan_is_stored_with_its_organisation_chain_and_goals(db, council_name):
    stored = store(unit_plan("Familjeenheten", results=COUNCIL_RESULTS), council_name=council_name)
    assert stored.status == "created"
    unit = OrgUnit.objects.get(name="Familjeenheten")
    assert unit.parent.name == council_name
    assert unit.parent.parent.kind == OrgUnit.Kind.MUNICIPALITY
    assert Goal.objects.filter(owner=unit).get().title == "Fler familjer får tidigt stöd"
    plan = Plan.objects.get(pk=stored.plan_id)
    assert [section.heading for section in plan.sections.all()] == ["Enhetens uppdrag", "Övrigt"]
    indicator = Indicator.objects.get(name="Andel barn som fått stöd inom en månad")
    assert indicator.periodicity == Indicator.Periodicity.TERTIAL
    assert set(
        Target.objects.filter(indicator=indicator).values_list("original_text", flat=True)
    ) == {
        "70 %",
        "Tas fram av nämnd",
    }


def test_importing_the_same_plan_again_changes_nothing(db, council_name):
    plan = unit_plan("Familjeenheten", results=COUNCIL_RESULTS)
    store(plan, council_name=council_name)
    counts = [model.objects.count() for model in (Goal, ExpectedResult, Activity, Target, PlanGoal)]
    assert store(copy.deepcopy(plan), council_name=council_name).status == "unchanged"
    assert [
        model.objects.count() for model in (Goal, ExpectedResult, Activity, Target, PlanGoal)
    ] == counts


def test_a_corrected_plan_updates_in_place_without_duplicates(db, council_name):
    store(unit_plan("Familjeenheten", results=COUNCIL_RESULTS), council_name=council_name)
    goal = Goal.objects.get(level__code="unit")
    corrected = unit_plan(
        "Familjeenheten",
        results=COUNCIL_RESULTS,
        enhetsmal_title="Fler familjer får tidigt stöd!",
        extra=" Även kvällstid.",
    )
    assert store(corrected, council_name=council_name).status == "updated"
    goal.refresh_from_db()
    assert goal.title == "Fler familjer får tidigt stöd!"
    assert goal.ways_of_working.endswith("Även kvällstid.")
    assert Goal.objects.filter(level__code="unit").count() == 1


def test_a_dry_run_writes_nothing(db, council_name):
    stored = store(
        unit_plan("Familjeenheten", results=COUNCIL_RESULTS),
        council_name=council_name,
        dry_run=True,
    )
    assert stored.status == "created"
    assert not OrgUnit.objects.exists()
    assert not Goal.objects.exists()


def test_shared_goals_are_stored_once_and_each_plan_keeps_its_selection_and_wording(
    db, council_name
):
    store(unit_plan("Familjeenheten", results=COUNCIL_RESULTS), council_name=council_name)
    reworded = [COUNCIL_RESULTS[0], "Föräldrar erbjuds föräldraskapsstöd i grupp."]
    store(
        unit_plan("Vuxenenheten", results=reworded, enhetsmal_title="Vuxna får stöd"),
        council_name=council_name,
    )

    assert Goal.objects.filter(level__code="council").count() == 1
    assert Goal.objects.filter(level__code="area").count() == 1
    shared = Goal.objects.get(level__code="council")
    assert [result.text for result in shared.expected_results.all()] == COUNCIL_RESULTS
    second = PlanGoal.objects.get(plan__org_unit__name="Vuxenenheten", goal=shared)
    rows = list(PlanExpectedResult.objects.filter(plan_goal=second))
    assert [row.expected_result.text for row in rows] == COUNCIL_RESULTS[:2]
    assert [row.text for row in rows] == ["", "Föräldrar erbjuds föräldraskapsstöd i grupp."]
    activity = shared.activities.get()
    assert set(activity.assigned_units.values_list("name", flat=True)) == {
        "Familjeenheten",
        "Vuxenenheten",
    }


def test_a_unit_without_a_named_council_goes_under_a_placeholder_council(db):
    store(unit_plan("Familjeenheten", results=COUNCIL_RESULTS))
    assert OrgUnit.objects.get(name="Familjeenheten").parent.name == PLACEHOLDER_COUNCIL


def scored(data):
    """The keys compare.py scores, for comparing two JSON documents."""

    def goal(item):
        return {
            key: (
                [goal(child) for child in value]
                if key in ("areas", "nämndmål", "enhetsmål")
                else value
            )
            for key, value in item.items()
            if key
            in (
                "number",
                "title",
                "indicators",
                "activities",
                "forvantat_resultat",
                "areas",
                "nämndmål",
                "enhetsmål",
            )
        }

    return [
        (plan["unit"], plan["year"], [goal(item) for item in plan["kf_goals"]])
        for plan in data["plans"]
    ]


def test_the_export_from_the_database_reproduces_what_was_imported(db, council_name):
    plans = [
        unit_plan("Familjeenheten", results=COUNCIL_RESULTS),
        unit_plan(
            "Vuxenenheten",
            results=[COUNCIL_RESULTS[0], "Föräldrar erbjuds föräldraskapsstöd i grupp."],
            enhetsmal_title="Vuxna får stöd",
        ),
    ]
    for plan in plans:
        store(plan, council_name=council_name)
    imported = documents_to_json([ParsedDocument(source="test", plans=plans)])
    exported = plans_to_json(list(Plan.objects.order_by("pk")), source="db")
    assert scored(exported) == scored(imported)
    body_keys = exported["plans"][0]["kf_goals"][0]["areas"][0]["nämndmål"][0]
    assert body_keys["description"] == "Nämnden arbetar förebyggande."
    assert body_keys["enhetsmål"][0]["ways_of_working"].startswith("Enheten har öppen mottagning")
