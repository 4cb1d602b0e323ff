"""The outline of a plan's goals on its edit page, with what the user may do to each goal.

A plan shows the goals of its own unit and the goals of the units above it
(KF's and the nämnd's), so those are the goals it can be used to edit; the
outline is built in two queries however many goals there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from styrkedja.goals.models import Goal, GoalLevel, GoalQuerySet
from styrkedja.org import access

if TYPE_CHECKING:
    from styrkedja.org.access import AnyUser
    from styrkedja.plans.models import Plan


@dataclass
class OutlineNode:
    goal: Goal
    # The user may edit, move and delete this goal.
    editable: bool = False
    # The level of the goals the plan's unit may add below this goal, if any.
    add_level: GoalLevel | None = None
    children: list[OutlineNode] = field(default_factory=list)

    @property
    def add_label(self) -> str:
        """The level's name as it reads inside a sentence ("enhetsmål", but "KF:s …" kept)."""
        if self.add_level is None:
            return ""
        return _lower_first(self.add_level.name)


def _lower_first(name: str) -> str:
    # "Enhetsmål" becomes "enhetsmål", but an abbreviation such as "KF:s" stays as it is.
    if len(name) > 1 and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def plan_goals(plan: Plan) -> GoalQuerySet:
    """The goals a plan can be used to edit: of its year, owned by its unit or a unit above."""
    unit = plan.org_unit
    return Goal.objects.filter(year_id=plan.year_id, owner_id__in=[*unit.ancestor_ids, unit.pk])


def child_level(parent: Goal, plan: Plan, levels: dict[int, GoalLevel]) -> GoalLevel | None:
    """The level of a goal that the plan's unit would add below `parent`, or None.

    It is the level one step deeper, and only where goals at that level belong to
    the kind of unit the plan is for (enhetsmål in a unit plan, nämndmål in a nämnd plan).
    """
    level = levels.get(parent.level.depth + 1)
    if level is None or level.owner_kind != plan.org_unit.kind:
        return None
    return level


def levels_by_depth() -> dict[int, GoalLevel]:
    return {level.depth: level for level in GoalLevel.objects.all()}


def build_goal_outline(user: AnyUser, plan: Plan) -> list[OutlineNode]:
    """The plan's goal tree for its edit page (for a plan fetched for writing).

    Branches that neither hold the plan's own goals nor take new ones from it are
    left out: a unit plan does not list every KF goal of the year.
    """
    goals = list(plan_goals(plan).select_related("level", "owner"))
    levels = levels_by_depth()
    may_add = access.can_edit_goals_owned_by(user, plan.org_unit)
    nodes = {
        goal.pk: OutlineNode(
            goal=goal,
            editable=access.can_edit_goals_owned_by(user, goal.owner),
            add_level=child_level(goal, plan, levels) if may_add else None,
        )
        for goal in goals
    }
    roots: list[OutlineNode] = []
    for goal in goals:
        parent = nodes.get(goal.parent_id) if goal.parent_id is not None else None
        (parent.children if parent is not None else roots).append(nodes[goal.pk])
    return _pruned(roots, plan, levels)


def _pruned(
    nodes: list[OutlineNode], plan: Plan, levels: dict[int, GoalLevel]
) -> list[OutlineNode]:
    kept = []
    for node in sorted(nodes, key=_order_key):
        node.children = _pruned(node.children, plan, levels)
        own = node.goal.owner_id == plan.org_unit_id
        takes_new = child_level(node.goal, plan, levels) is not None
        if own or takes_new or node.children:
            kept.append(node)
    return kept


def _order_key(node: OutlineNode) -> tuple[object, ...]:
    # As the plan prints them: by position, then by number read as numbers ("1.10" after "1.9").
    number = tuple(int(part) for part in re.findall(r"\d+", node.goal.number))
    return (node.goal.position, number, node.goal.pk)


def outline_context(user: AnyUser, plan: Plan) -> dict[str, object]:
    """What the plan edit page needs to show the goal outline."""
    return {"goal_outline": build_goal_outline(user, plan)}
