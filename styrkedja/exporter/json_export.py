"""A plan from the database in the SCHEMA.md JSON form, the same form the importer writes."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from styrkedja.goals import levels
from styrkedja.importer.parsed import (
    ParsedActivity,
    ParsedDocument,
    ParsedGoal,
    ParsedIndicator,
    ParsedPlan,
    ParsedSection,
    ParsedTable,
    documents_to_json,
)
from styrkedja.org.models import OrgUnit
from styrkedja.plans.document import GoalNode, PlanDocument, build_plan_document
from styrkedja.plans.models import Plan, PlanSection

# Goal depth to the level names of the JSON form, for cities whose level codes are their own.
_LEVEL_BY_DEPTH = {1: levels.DIRECTION, 2: levels.AREA, 3: levels.COUNCIL, 4: levels.UNIT}


def _section(section: PlanSection) -> ParsedSection:
    return ParsedSection(
        heading=section.heading,
        body=section.body,
        level=section.level,
        placement="opening" if section.placement == PlanSection.Placement.OPENING else "closing",
        tables=[
            ParsedTable(
                caption=str(table.get("caption", "")),
                header=[str(cell) for cell in table.get("header", [])],
                rows=[[str(cell) for cell in row] for row in table.get("rows", [])],
            )
            for table in section.tables
        ],
    )


def _goal(node: GoalNode) -> ParsedGoal:
    return ParsedGoal(
        level=_LEVEL_BY_DEPTH.get(node.depth, levels.UNIT),  # type: ignore[arg-type]
        title=node.title,
        number=node.goal.number or None,
        description=node.description,
        ways_of_working=node.ways_of_working,
        resource_use=node.resource_use,
        follow_up=node.follow_up,
        development=node.development,
        expected_results=list(node.expected_results),
        indicators=[
            ParsedIndicator(
                name=row.name,
                target=row.target,
                council_target=row.council_target,
                period=row.periodicity,
            )
            for row in node.indicators
        ],
        activities=[
            ParsedActivity(
                text=row.text,
                start=row.starts_on.isoformat() if row.starts_on else "",
                end=row.ends_on.isoformat() if row.ends_on else "",
            )
            for row in node.activities
        ],
        # A nämnd plan's summaries of its units' goals belong to the units' own plans.
        children=[_goal(child) for child in node.children if not child.owner_name],
    )


def document_to_parsed(document: PlanDocument) -> ParsedPlan:
    plan = document.plan
    return ParsedPlan(
        unit=plan.org_unit.name,
        year=plan.year.number,
        is_council_plan=plan.org_unit.kind == OrgUnit.Kind.COUNCIL,
        case_number=plan.case_number,
        document_date=plan.document_date.isoformat() if plan.document_date else "",
        goals=[_goal(root) for root in document.goals],
        opening_sections=[_section(section) for section in document.opening_sections],
        closing_sections=[_section(section) for section in document.closing_sections],
    )


def plans_to_json(plans: list[Plan], *, source: str) -> dict[str, Any]:
    """The plans as one SCHEMA.md "plans" list; printed values (periodicity) in Swedish."""
    with translation.override("sv"):
        parsed = [document_to_parsed(build_plan_document(plan)) for plan in plans]
    return documents_to_json([ParsedDocument(source=source, plans=parsed)])
