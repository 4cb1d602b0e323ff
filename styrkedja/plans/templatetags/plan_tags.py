"""Template helpers for laying out a plan document."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from styrkedja.plans.document import GoalNode
from styrkedja.plans.markdown import render_markdown

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
    """The goal's text fields that the plan shows, with their printed headings, in plan order."""
    fields = [
        (_("Ways of working"), node.ways_of_working),
        (_("Resource use"), node.resource_use),
        (_("Follow-up"), node.follow_up),
        (_("Development"), node.development),
    ]
    return [(label, text) for label, text in fields if text.strip()]


@register.filter
def markdown(text: str) -> SafeString:
    """Plan text with simple Markdown (paragraphs, lists, emphasis, links), sanitised."""
    return render_markdown(text or "")
