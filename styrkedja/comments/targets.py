"""What of a plan can be commented on: the goals, expected results and sections the plan shows.

Built from the plan's document (plans/document.py), so that a comment can only be about
something the plan actually shows, with the same headings and wordings the page prints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from styrkedja.comments.models import TargetKind
from styrkedja.plans.document import GoalNode, PlanDocument
from styrkedja.plans.models import PlanExpectedResult, PlanSection


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    pk: int
    # What the plan shows: the goal's or section's heading, the expected result's wording.
    label: str
    # Where it sits, for an expected result: its goal's heading.
    context: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"


@dataclass
class PlanTargets:
    """The plan's commentable things in plan order, in the groups the form shows them."""

    opening: list[Target] = field(default_factory=list)
    goals: list[Target] = field(default_factory=list)
    closing: list[Target] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key = {target.key: target for target in self.all()}

    def all(self) -> list[Target]:
        return [*self.opening, *self.goals, *self.closing]

    def get(self, kind: str, pk: int | None) -> Target | None:
        if pk is None:
            return None
        return self._by_key.get(f"{kind}-{pk}")

    def by_key(self, key: str) -> Target | None:
        return self._by_key.get(key)

    def choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Grouped choices for a select, in plan order."""
        groups = [
            (_("Sections before the goals"), self.opening),
            (_("Goals and expected results"), self.goals),
            (_("Sections after the goals"), self.closing),
        ]
        return [
            (str(name), [(target.key, _choice_label(target)) for target in targets])
            for name, targets in groups
            if targets
        ]


def _choice_label(target: Target) -> str:
    if target.kind == TargetKind.EXPECTED_RESULT:
        return "– " + _("Expected result: %(text)s") % {"text": _shorten(target.label)}
    if target.kind == TargetKind.SECTION:
        return _("Section: %(heading)s") % {"heading": _shorten(target.label)}
    return _shorten(target.label)


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _section_label(section: PlanSection) -> str:
    # Imported text before the first heading has none; name it by its first words.
    return section.heading or _shorten(section.body, 60) or _("(no heading)")


def plan_targets(document: PlanDocument) -> PlanTargets:
    """Everything the plan shows that a granskare may comment on (one query on top of the
    document's own, for the expected results the plan includes of goals above its unit)."""
    plan = document.plan
    included: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = PlanExpectedResult.objects.filter(plan_goal__plan=plan).select_related(
        "plan_goal", "expected_result"
    )
    for row in rows:
        included[row.plan_goal.goal_id].append(
            (row.expected_result_id, row.text or row.expected_result.text)
        )
    goals: list[Target] = []
    for node in document.all_goal_nodes():
        goals.append(Target(TargetKind.GOAL, node.goal.pk, node.heading))
        for pk, text in _shown_results(node, plan.org_unit_id, included):
            goals.append(Target(TargetKind.EXPECTED_RESULT, pk, text, context=node.heading))
    return PlanTargets(
        opening=[
            Target(TargetKind.SECTION, s.pk, _section_label(s)) for s in document.opening_sections
        ],
        goals=goals,
        closing=[
            Target(TargetKind.SECTION, s.pk, _section_label(s)) for s in document.closing_sections
        ],
    )


def _shown_results(
    node: GoalNode, unit_id: int, included: dict[int, list[tuple[int, str]]]
) -> list[tuple[int, str]]:
    """The expected results the node shows, as (key, wording), mirroring build_plan_document:
    a goal only placing others shows none; the unit's own goals and the goals of units below
    show all of theirs; a goal from above shows what the plan includes of it."""
    if node.context_only:
        return []
    if node.goal.owner_id == unit_id or node.owner_name:
        return [(result.pk, result.text) for result in node.goal.expected_results.all()]
    return included.get(node.goal.pk, [])
