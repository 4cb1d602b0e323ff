"""Writing comments: add one to a target of a plan, answer it, resolve it.

The views check who may (org.access.can_comment / can_answer_comments) and that the target is
shown in the plan (comments.targets); these functions only write.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from styrkedja.comments.models import TARGET_FIELDS, Comment, Reply
from styrkedja.comments.targets import Target
from styrkedja.history.writes import create_validated
from styrkedja.org.models import User
from styrkedja.plans.models import Plan


def add_comment(*, plan: Plan, target: Target, author: User, text: str) -> Comment:
    """A new open comment on `target`, keeping what the plan shows of it in case it goes."""
    with transaction.atomic():
        comment: Comment = create_validated(
            Comment,
            plan=plan,
            target_kind=target.kind,
            target_text=target.label,
            author=author,
            text=text,
            **{f"{TARGET_FIELDS[target.kind]}_id": target.pk},
        )
    return comment


def answer_comment(*, comment: Comment, author: User, text: str) -> Reply:
    with transaction.atomic():
        reply: Reply = create_validated(Reply, comment=comment, author=author, text=text)
    return reply


def resolve_comment(*, comment: Comment, by: User) -> bool:
    """Mark the comment resolved; False if it already was (the first resolution stands)."""
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=by, updated_at=timezone.now()
        )
    if updated:
        comment.refresh_from_db(fields=["resolved_at", "resolved_by", "updated_at"])
    return bool(updated)
