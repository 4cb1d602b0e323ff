"""Writes to plans: their sections and what they include of the goals above them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max, Model

from styrkedja.activities.models import Activity
from styrkedja.core.ordering import move_among
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.history.writes import (
    bulk_create_recorded,
    create_validated,
    delete_recorded,
    update_changed_fields,
    update_edited,
    validate,
)
from styrkedja.indicators.models import Indicator
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, Year
from styrkedja.plans.models import (
    Plan,
    PlanActivity,
    PlanExpectedResult,
    PlanGoal,
    PlanIndicator,
    PlanSection,
)


@dataclass(frozen=True)
class SectionContent:
    heading: str
    body: str
    level: int
    placement: str
    tables: list[dict[str, object]] = field(default_factory=list)


def get_or_create_plan(
    *,
    org_unit: OrgUnit,
    year: Year,
    kind: str = PeriodKind.PLAN,
    case_number: str = "",
    document_date: datetime.date | None = None,
) -> tuple[Plan, bool]:
    """The plan, created if new; its case number and document date set where given."""
    plan = Plan.objects.filter(org_unit=org_unit, year=year, kind=kind).first()
    if plan is None:
        return create_validated(
            Plan,
            org_unit=org_unit,
            year=year,
            kind=kind,
            case_number=case_number,
            document_date=document_date,
        ), True
    values: dict[str, object] = {}
    if case_number:
        values["case_number"] = case_number
    if document_date:
        values["document_date"] = document_date
    return plan, update_changed_fields(plan, **values)


def replace_sections(plan: Plan, sections: Sequence[SectionContent]) -> bool:
    """Make the plan's sections exactly these, in order, reusing rows where they stand."""
    existing = list(plan.sections.order_by("position", "pk"))
    changed = False
    for position, content in enumerate(sections):
        values = {
            "heading": content.heading,
            "body": content.body,
            "level": content.level,
            "placement": content.placement,
            "tables": content.tables,
            "position": position,
        }
        if position < len(existing):
            changed |= update_changed_fields(existing[position], **values)
        else:
            create_validated(PlanSection, plan=plan, **values)
            changed = True
    changed |= bool(delete_recorded(existing[len(sections) :]))
    return changed


def set_plan_inclusion(
    *,
    plan: Plan,
    goal: Goal,
    title: str = "",
    description: str = "",
    expected_results: Sequence[tuple[ExpectedResult, str]] = (),
    activities: Sequence[tuple[Activity, str]] = (),
    indicators: Sequence[Indicator] = (),
    base_revision: int | None = None,
) -> bool:
    """Record what the plan shows of a goal above its unit, in its own wording where it differs.

    The pairs give a shared item and this plan's wording of it ("" for the shared wording).
    True if anything was written. `base_revision`, from a person's edit of an existing
    inclusion: its title and description are checked against it (EditConflict, raised
    before anything is written, if someone saved them since). Imports give none.
    """
    inclusion = PlanGoal.objects.filter(plan=plan, goal=goal).first()
    changed = False
    if inclusion is None:
        inclusion = create_validated(
            PlanGoal, plan=plan, goal=goal, title=title, description=description
        )
        changed = True
    elif base_revision is not None:
        changed |= update_edited(
            inclusion, base_revision=base_revision, title=title, description=description
        )
    else:
        changed |= update_changed_fields(inclusion, title=title, description=description)
    changed |= _replace_items(
        inclusion.expected_results.all(),
        "expected_result",
        [(result, text) for result, text in expected_results],
        lambda item, position, text: PlanExpectedResult(
            plan_goal=inclusion, expected_result=item, text=text, position=position
        ),
    )
    changed |= _replace_items(
        inclusion.activities.all(),
        "activity",
        [(activity, text) for activity, text in activities],
        lambda item, position, text: PlanActivity(
            plan_goal=inclusion, activity=item, text=text, position=position
        ),
    )
    changed |= _replace_items(
        inclusion.indicators.all(),
        "indicator",
        [(indicator, None) for indicator in indicators],
        lambda item, position, _text: PlanIndicator(
            plan_goal=inclusion, indicator=item, position=position
        ),
    )
    return changed


def _replace_items(
    existing_rows: Iterable[Model],
    attribute: str,
    wanted: Sequence[tuple[Model, str | None]],
    new_row: Callable[[Any, int, str], Model],
) -> bool:
    """Sync a plan's selection rows with `wanted` (item, wording) pairs; True if changed.

    A wording of None leaves the row's text alone (indicators have none). New rows are
    validated and then inserted together: an import adds thousands of them.
    """
    existing = {getattr(row, f"{attribute}_id"): row for row in existing_rows}
    changed = False
    added: list[Model] = []
    for position, (item, text) in enumerate(wanted):
        row = existing.pop(item.pk, None)
        if row is None:
            added.append(new_row(item, position, text or ""))
        else:
            values: dict[str, object] = {"position": position}
            if text is not None:
                values["text"] = text
            changed |= update_changed_fields(row, **values)
    for row in added:
        validate(row)
    if added:
        bulk_create_recorded(type(added[0]), added)
    delete_recorded(existing.values())
    return changed or bool(existing) or bool(added)


def remove_plan_inclusions_except(plan: Plan, goals: Sequence[Goal]) -> bool:
    """Drop what the plan included of goals it no longer shows."""
    stale = PlanGoal.objects.filter(plan=plan).exclude(goal__in=goals)
    with transaction.atomic():
        for inclusion in stale:
            _delete_inclusion(inclusion)
    return bool(stale)


def _delete_inclusion(inclusion: PlanGoal) -> None:
    """Delete what a plan includes of a goal, each selected item recorded."""
    delete_recorded(inclusion.expected_results.select_related("plan_goal"))
    delete_recorded(inclusion.activities.select_related("plan_goal"))
    delete_recorded(inclusion.indicators.select_related("plan_goal"))
    delete_recorded([inclusion])


def add_section(*, plan: Plan, heading: str, body: str, level: int, placement: str) -> PlanSection:
    """A new section, last among those before (or after) the goals."""
    last = plan.sections.aggregate(last=Max("position"))["last"]
    section: PlanSection = create_validated(
        PlanSection,
        plan=plan,
        heading=heading,
        body=body,
        level=level,
        placement=placement,
        position=(last or 0) + 1,
    )
    return section


def move_section(section: PlanSection, *, up: bool) -> bool:
    """Swap the section with its neighbour among the sections of the same placement."""
    siblings = PlanSection.objects.filter(plan_id=section.plan_id, placement=section.placement)
    return move_among(siblings, section, up=up)


def update_section(section: PlanSection, *, base_revision: int | None, **values: Any) -> bool:
    """Change the section's heading, level, placement or text, as edited from `base_revision`.

    Raises EditConflict, writing nothing, if someone saved the section since.
    """
    with transaction.atomic():
        return update_edited(section, base_revision=base_revision, **values)


def delete_section(section: PlanSection, *, base_revision: int | None = None) -> None:
    """Delete the section, unless someone changed it after `base_revision` (EditConflict)."""
    delete_recorded([section], base_revision=base_revision)
