"""A plan with something of every kind to comment on, for the comment tests."""

from __future__ import annotations

from dataclasses import dataclass

from styrkedja.comments import services
from styrkedja.comments.models import Comment
from styrkedja.comments.targets import plan_targets
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.org.models import User
from styrkedja.plans.document import build_plan_document
from styrkedja.plans.models import Plan, PlanSection
from styrkedja.testing import factories


@dataclass
class ReviewedPlan:
    plan: Plan
    opening: PlanSection
    closing: PlanSection
    unit_goal: Goal
    unit_result: ExpectedResult
    council_goal: Goal
    included_result: ExpectedResult
    left_out_result: ExpectedResult
    not_included_goal: Goal
    other_plans_section: PlanSection


def build_reviewed_plan(city, *, size: int = 1) -> ReviewedPlan:
    """The unit's plan: sections before and after the goals, a nämndmål it includes (with
    some of its expected results, one in the unit's words) and its own enhetsmål. Another
    nämndmål and another plan's section are not shown in it. `size` multiplies everything."""
    year = city.year
    plan = factories.create_plan(org_unit=city.unit, year=year)
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=year)
    direction = factories.create_goal(
        level="direction",
        owner=city.municipality,
        year=year,
        number="1",
        title="Ett hållbart Testby",
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=year, number="1.1", parent=direction
    )
    first: dict[str, object] = {}
    for n in range(size):
        council_goal = factories.create_goal(
            level="council",
            owner=city.council,
            year=year,
            number=f"1.1.{n + 1}",
            parent=area,
            title=f"Barn och unga mår bra {n}",
            expected_results=[f"Fler barn i förskolan {n}", f"Färre orosanmälningar {n}"],
        )
        results = list(council_goal.expected_results.all())
        factories.include_goal(
            plan=plan,
            goal=council_goal,
            expected_results=[results[0]],
            result_wordings={results[0]: f"Fler barn i vår förskola {n}"},
        )
        not_included = factories.create_goal(
            level="council",
            owner=city.council,
            year=year,
            number=f"1.1.{size + n + 1}",
            parent=area,
        )
        unit_goal = factories.create_goal(
            level="unit",
            owner=city.unit,
            year=year,
            parent=council_goal,
            title=f"Familjer får stöd i tid {n}",
            expected_results=[f"Kortare väntetid {n}"],
        )
        opening = factories.create_section(plan=plan, heading=f"Enhetens uppdrag {n}", body="Text")
        closing = factories.create_section(
            plan=plan, heading=f"Övrigt {n}", placement=PlanSection.Placement.CLOSING
        )
        other = factories.create_section(plan=sibling_plan, heading=f"Vuxenenhetens uppdrag {n}")
        first.setdefault(
            "parts",
            {
                "opening": opening,
                "closing": closing,
                "unit_goal": unit_goal,
                "unit_result": unit_goal.expected_results.get(),
                "council_goal": council_goal,
                "included_result": results[0],
                "left_out_result": results[1],
                "not_included_goal": not_included,
                "other_plans_section": other,
            },
        )
    parts = first["parts"]
    assert isinstance(parts, dict)
    return ReviewedPlan(plan=plan, **parts)


def comment_on(plan: Plan, obj: object, *, author: User, text: str = "Förtydliga.") -> Comment:
    """A comment through the service, on `obj` as the plan shows it."""
    kind = {Goal: "goal", ExpectedResult: "expected_result", PlanSection: "section"}[type(obj)]
    target = plan_targets(build_plan_document(plan)).get(kind, obj.pk)  # type: ignore[attr-defined]
    assert target is not None, f"{obj} is not shown in the plan"
    return services.add_comment(plan=plan, target=target, author=author, text=text)
