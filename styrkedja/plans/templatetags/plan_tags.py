"""Template helpers for laying out a plan document."""

from django import template
from django.utils.translation import gettext as _

from styrkedja.plans.document import GoalNode

register = template.Library()

# Goal depth 1 is an h2 under the plan's h1; HTML has no heading below h6.
_HEADING_SIZES = {1: "lg", 2: "md", 3: "sm"}


@register.filter
def heading_level(depth: int, below: int = 0) -> int:
    return min(depth + 1 + below, 6)


@register.filter
def heading_size(depth: int) -> str:
    return _HEADING_SIZES.get(depth, "xs")


@register.filter
def goal_text_fields(node: GoalNode) -> list[tuple[str, str]]:
    """The goal's own text fields that have text, with their printed headings, in plan order."""
    goal = node.goal
    if node.context_only:
        return []
    fields = [
        (_("Ways of working"), goal.ways_of_working),
        (_("Resource use"), goal.resource_use),
        (_("Follow-up"), goal.follow_up),
        (_("Development"), goal.development),
    ]
    return [(label, text) for label, text in fields if text.strip()]
