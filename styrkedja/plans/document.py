"""The plan as a document: what a plan shows, in the order it shows it.

The plan page renders this, and later the JSON, Word and PDF exports will too,
so that every output of a plan agrees. Building it costs a fixed number of
queries whatever the size of the plan.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from styrkedja.goals.models import Goal
from styrkedja.indicators.models import GoalIndicator, Indicator, Target
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Attachment, Plan, PlanGoal, PlanSection


@dataclass
class IndicatorRow:
    name: str
    target: str
    council_target: str
    periodicity: str
    indicator: Indicator
    # The unit whose årsmål the row shows (or, failing that, the nearest above it).
    target_owner: OrgUnit = field(repr=False)


@dataclass
class ActivityRow:
    text: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


@dataclass
class GoalNode:
    goal: Goal
    title: str
    description: str = ""
    ways_of_working: str = ""
    resource_use: str = ""
    follow_up: str = ""
    development: str = ""
    expected_results: list[str] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    children: list[GoalNode] = field(default_factory=list)
    # Shown only to place the goals below it; the plan prints its heading alone.
    context_only: bool = False
    # Set on goals of units below the plan's own unit (a nämnd plan's enhetsmål),
    # which the plan summarises: heading, unit and expected results.
    owner_name: str = ""

    @property
    def anchor(self) -> str:
        return f"mal-{self.goal.pk}"

    @property
    def heading(self) -> str:
        numbered_title = " ".join(part for part in (self.goal.display_number, self.title) if part)
        return f"{self.goal.level.name}: {numbered_title}"

    @property
    def depth(self) -> int:
        return self.goal.level.depth

    @property
    def agenda_2030(self) -> list[str]:
        return [tag.code for tag in self.goal.agenda_2030_tags.all()]

    def walk(self) -> Iterable[GoalNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class PlanDocument:
    plan: Plan
    opening_sections: list[PlanSection]
    goals: list[GoalNode]
    closing_sections: list[PlanSection]
    attachments: list[Attachment]

    def all_goal_nodes(self) -> Iterable[GoalNode]:
        for root in self.goals:
            yield from root.walk()


def _shown_goal_ids(plan: Plan, included: set[int]) -> set[int]:
    """The goals the plan shows: its unit's own, those hung on them from the units below,
    those it includes from above, and every goal above these (one light query)."""
    unit = plan.org_unit
    chain = {
        pk: (parent_id, owner_id)
        for pk, parent_id, owner_id in Goal.objects.filter(year_id=plan.year_id)
        .filter(Q(owner_id__in=[*unit.ancestor_ids, unit.pk]) | Q(parent__owner=unit))
        .values_list("pk", "parent_id", "owner_id")
    }
    own = {pk for pk, (_parent, owner) in chain.items() if owner == unit.pk}
    shown = own | {pk for pk, (parent, _owner) in chain.items() if parent in own}
    shown |= included & chain.keys()
    for pk in list(shown):
        parent = chain[pk][0]
        while parent is not None and parent in chain and parent not in shown:
            shown.add(parent)
            parent = chain[parent][0]
    return shown


def _natural_key(number: str) -> tuple[int | str, ...]:
    return tuple(
        int(part) if part.isdigit() else part for part in re.split(r"[.\s]+", number) if part
    )


def _order_key(node: GoalNode) -> tuple[object, ...]:
    return (node.goal.position, _natural_key(node.goal.number), node.goal.pk)


def build_plan_document(plan: Plan) -> PlanDocument:
    unit = plan.org_unit
    inclusions = {
        inclusion.goal_id: inclusion
        for inclusion in PlanGoal.objects.filter(plan=plan).prefetch_related(
            "expected_results__expected_result", "activities__activity", "indicators__indicator"
        )
    }
    shown = _shown_goal_ids(plan, set(inclusions))
    # Only the goals the plan shows are loaded in full: a unit plan shows a few of the
    # many KF goals and nämndmål of its year.
    goals = list(
        Goal.objects.filter(pk__in=shown)
        .select_related("level", "owner")
        .prefetch_related(
            "expected_results",
            "activities",
            "agenda_2030_tags",
            Prefetch("goal_indicators", queryset=GoalIndicator.objects.select_related("indicator")),
        )
    )
    by_id = {goal.pk: goal for goal in goals}
    own_ids = {goal.pk for goal in goals if goal.owner_id == unit.pk}

    nodes: dict[int, GoalNode] = {}
    for goal in goals:
        if goal.pk in own_ids:
            nodes[goal.pk] = _own_node(goal, unit)
        elif goal.parent_id in own_ids:
            nodes[goal.pk] = _below_node(goal)
        elif goal.pk in inclusions:
            nodes[goal.pk] = _included_node(goal, inclusions[goal.pk], unit)
        else:
            # A goal above the shown ones, which gives them their place in the chain.
            nodes[goal.pk] = GoalNode(goal=goal, title=goal.title, context_only=True)

    roots: list[GoalNode] = []
    for goal_id, node in nodes.items():
        parent_id = by_id[goal_id].parent_id
        (nodes[parent_id].children if parent_id in nodes else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=_order_key)
    roots.sort(key=_order_key)

    _fill_targets(plan, unit, [row for node in nodes.values() for row in node.indicators])

    sections = list(PlanSection.objects.filter(plan=plan))
    return PlanDocument(
        plan=plan,
        opening_sections=[s for s in sections if s.placement == PlanSection.Placement.OPENING],
        goals=roots,
        closing_sections=[s for s in sections if s.placement == PlanSection.Placement.CLOSING],
        attachments=list(Attachment.objects.filter(plan=plan)),
    )


def _indicator_row(indicator: Indicator, owner: OrgUnit) -> IndicatorRow:
    # Targets are filled in afterwards, in one query for the whole document.
    return IndicatorRow(
        name=indicator.name,
        target="",
        council_target="",
        periodicity=indicator.get_periodicity_display(),
        indicator=indicator,
        target_owner=owner,
    )


def _own_node(goal: Goal, plan_unit: OrgUnit) -> GoalNode:
    return GoalNode(
        goal=goal,
        title=goal.title,
        description=goal.description,
        ways_of_working=goal.ways_of_working,
        resource_use=goal.resource_use,
        follow_up=goal.follow_up,
        development=goal.development,
        expected_results=[result.text for result in goal.expected_results.all()],
        indicators=[
            _indicator_row(link.indicator, plan_unit) for link in goal.goal_indicators.all()
        ],
        activities=[
            ActivityRow(activity.text, activity.starts_on, activity.ends_on)
            for activity in goal.activities.all()
        ],
    )


def _below_node(goal: Goal) -> GoalNode:
    return GoalNode(
        goal=goal,
        title=goal.title,
        expected_results=[result.text for result in goal.expected_results.all()],
        owner_name=goal.owner.name,
    )


def _included_node(goal: Goal, inclusion: PlanGoal, plan_unit: OrgUnit) -> GoalNode:
    return GoalNode(
        goal=goal,
        title=inclusion.title or goal.title,
        description=inclusion.description or goal.description,
        expected_results=[
            item.text or item.expected_result.text for item in inclusion.expected_results.all()
        ],
        indicators=[
            _indicator_row(item.indicator, plan_unit) for item in inclusion.indicators.all()
        ],
        activities=[
            ActivityRow(
                item.text or item.activity.text, item.activity.starts_on, item.activity.ends_on
            )
            for item in inclusion.activities.all()
        ],
    )


def _fill_targets(plan: Plan, unit: OrgUnit, rows: list[IndicatorRow]) -> None:
    """Put each row's årsmål and KF:s årsmål in place, with one query for all rows.

    A row shows the target of the unit whose goal it is, or failing that of the
    nearest unit above it (a unit repeats its nämnd's target); KF:s årsmål is
    the target set on the municipality at the top of the tree.
    """
    if not rows:
        return
    # For each unit, itself first and then upwards.
    chains = {
        row.target_owner.pk: [row.target_owner.pk, *reversed(row.target_owner.ancestor_ids)]
        for row in rows
    }
    unit_ids = {pk for chain in chains.values() for pk in chain}
    targets = (
        Target.objects.current()
        .filter(year_id=plan.year_id, indicator__in={row.indicator.pk for row in rows})
        .filter(org_unit_id__in=unit_ids)
        .select_related("org_unit")
    )
    by_key: dict[tuple[int, int], Target] = {}
    municipality_targets: dict[int, Target] = {}
    for target in targets:
        by_key[(target.indicator_id, target.org_unit_id)] = target
        if target.org_unit.kind == OrgUnit.Kind.MUNICIPALITY:
            municipality_targets[target.indicator_id] = target
    for row in rows:
        council = municipality_targets.get(row.indicator.pk)
        row.council_target = council.original_text if council else ""
        for org_id in chains[row.target_owner.pk]:
            found = by_key.get((row.indicator.pk, org_id))
            if found is not None and found.org_unit.kind != OrgUnit.Kind.MUNICIPALITY:
                row.target = found.original_text
                break
