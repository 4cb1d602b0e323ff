"""What the importer understood of a document, before anything is stored.

Plain dataclasses without Django, so that the parser can be tested alone, and
one serializer (`document_to_json`) for the SCHEMA.md form that both
`import_plans --json` and `export_plan --format json` write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

GoalLevelCode = Literal["direction", "area", "council", "unit"]
Placement = Literal["opening", "closing"]


@dataclass
class ParsedIndicator:
    name: str
    target: str = ""
    council_target: str = ""  # KF:s årsmål
    period: str = ""  # as printed: "Tertial", "År"
    comment: str = ""
    line: int | None = None


@dataclass
class ParsedActivity:
    text: str
    start: str = ""  # YYYY-MM-DD, or "" when the document gives none
    end: str = ""
    line: int | None = None


@dataclass
class ParsedTable:
    """A table kept as a table (a nämnd plan's budget tables): a header row and body rows."""

    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class ParsedSection:
    heading: str
    body: str = ""
    level: int = 1
    placement: Placement = "opening"
    tables: list[ParsedTable] = field(default_factory=list)
    line: int | None = None


@dataclass
class ParsedGoal:
    level: GoalLevelCode
    title: str
    number: str | None = None
    description: str = ""  # Beskrivning
    ways_of_working: str = ""  # Arbetssätt
    resource_use: str = ""  # Resursanvändning
    follow_up: str = ""  # Uppföljning
    development: str = ""  # Utveckling
    expected_results: list[str] = field(default_factory=list)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    activities: list[ParsedActivity] = field(default_factory=list)
    children: list[ParsedGoal] = field(default_factory=list)
    # Text under the goal that fits none of the fields above; kept, never dropped.
    other_sections: list[ParsedSection] = field(default_factory=list)
    line: int | None = None


@dataclass
class ParsedPlan:
    unit: str | None
    year: int | None
    is_council_plan: bool = False
    case_number: str = ""
    # The date on the document's letterhead (YYYY-MM-DD): when it was written,
    # which is not the date it was decided.
    document_date: str = ""
    goals: list[ParsedGoal] = field(default_factory=list)  # direction-level goals
    opening_sections: list[ParsedSection] = field(default_factory=list)
    closing_sections: list[ParsedSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class ParsedDocument:
    source: str
    plans: list[ParsedPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _indicator_json(indicator: ParsedIndicator) -> dict[str, Any]:
    return {
        "name": indicator.name,
        "target": indicator.target,
        "kf_target": indicator.council_target,
        "period": indicator.period,
        "comment": indicator.comment,
    }


def _activity_json(activity: ParsedActivity) -> dict[str, Any]:
    return {"text": activity.text, "start": activity.start, "end": activity.end}


def _section_json(section: ParsedSection) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "level": section.level,
        "body": section.body,
        "tables": [
            {"caption": table.caption, "header": table.header, "rows": table.rows}
            for table in section.tables
        ],
    }


# The JSON key of each level's children, as SCHEMA.md names them.
_CHILD_KEYS: dict[str, str] = {"direction": "areas", "area": "nämndmål", "council": "enhetsmål"}


def goal_to_json(goal: ParsedGoal) -> dict[str, Any]:
    data: dict[str, Any] = {"title": goal.title}
    if goal.level != "unit":
        data["number"] = goal.number
    if goal.level != "direction":
        data["indicators"] = [_indicator_json(item) for item in goal.indicators]
        data["activities"] = [_activity_json(item) for item in goal.activities]
    if goal.level in ("council", "unit"):
        data["forvantat_resultat"] = list(goal.expected_results)
    # Body texts: not scored, but carried so that nothing is lost on the way.
    for key in ("description", "ways_of_working", "resource_use", "follow_up", "development"):
        if value := getattr(goal, key):
            data[key] = value
    if goal.other_sections:
        data["sections"] = [_section_json(section) for section in goal.other_sections]
    if goal.level in _CHILD_KEYS:
        data[_CHILD_KEYS[goal.level]] = [goal_to_json(child) for child in goal.children]
    return data


def plan_to_json(plan: ParsedPlan) -> dict[str, Any]:
    return {
        "unit": plan.unit or "",
        "year": plan.year,
        "kind": "nämnd" if plan.is_council_plan else "enhet",
        "case_number": plan.case_number,
        "document_date": plan.document_date,
        "kf_goals": [goal_to_json(goal) for goal in plan.goals],
        "opening_sections": [_section_json(section) for section in plan.opening_sections],
        "closing_sections": [_section_json(section) for section in plan.closing_sections],
        "warnings": list(plan.warnings),
    }


def documents_to_json(documents: list[ParsedDocument]) -> dict[str, Any]:
    """One SCHEMA.md "plans" list (schema A) for all the documents given."""
    return {
        "source": ", ".join(document.source for document in documents),
        "plans": [plan_to_json(plan) for document in documents for plan in document.plans],
    }
