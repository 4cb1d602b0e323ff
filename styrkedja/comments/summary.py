"""The box of open comments on the plan page: how many, the first few, links to the list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from styrkedja.comments.models import Comment
from styrkedja.org import access
from styrkedja.plans.models import Plan

if TYPE_CHECKING:
    from styrkedja.org.access import AnyUser

SHOWN_ON_PLAN_PAGE = 5


@dataclass
class CommentSummary:
    plan: Plan
    open_count: int
    first_open: list[Comment]
    can_comment: bool

    @property
    def more(self) -> int:
        return self.open_count - len(self.first_open)


def plan_comment_summary(user: AnyUser, plan: Plan) -> CommentSummary:
    """For a user who reads the plan (the caller has checked): two queries, whatever the number
    of comments."""
    open_comments = Comment.objects.filter(plan=plan).open()
    return CommentSummary(
        plan=plan,
        open_count=open_comments.count(),
        first_open=list(open_comments.select_related("author")[:SHOWN_ON_PLAN_PAGE]),
        can_comment=access.can_comment(user, plan.org_unit),
    )
