"""A granskare's comments on what a plan shows (a goal, an expected result or a section), and the
answers to them.

Replies are their own model rather than comments with a parent: a thread is one comment and its
answers, one level deep; only the comment has a target and can be resolved, so keeping answers
apart keeps those columns and their constraints on the comment alone.

Deleting the commented goal, expected result or section must not lose the review, so the target
keys are SET_NULL and the comment keeps a snapshot of what it was about (`target_text`, the
heading or text the plan showed when the comment was written). `target_kind` says which of the
three it is; a check constraint holds that only the key of that kind can be set, and the form and
the service set it on every new comment. It turns null only when its target is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styrkedja.core.models import TimestampedModel
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.plans.models import Plan, PlanSection


class TargetKind(models.TextChoices):
    GOAL = "goal", _("goal")
    EXPECTED_RESULT = "expected_result", _("expected result")
    SECTION = "section", _("section")


TARGET_FIELDS = {
    TargetKind.GOAL: "goal",
    TargetKind.EXPECTED_RESULT: "expected_result",
    TargetKind.SECTION: "section",
}


def _only_target(kind: str) -> Q:
    """The comment is of `kind`, and no key but that kind's is set."""
    others = {f"{name}__isnull": True for other, name in TARGET_FIELDS.items() if other != kind}
    return Q(target_kind=kind, **others)


class CommentQuerySet(models.QuerySet["Comment"]):
    def open(self) -> CommentQuerySet:
        return self.filter(resolved_at__isnull=True)

    def resolved(self) -> CommentQuerySet:
        return self.filter(resolved_at__isnull=False)


class Comment(TimestampedModel):
    """A granskare's comment on one goal, expected result or section of a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="comments"
    )
    target_kind = models.CharField(_("comments on"), max_length=20, choices=TargetKind.choices)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    expected_result = models.ForeignKey(
        ExpectedResult,
        verbose_name=_("expected result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    section = models.ForeignKey(
        PlanSection,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    target_text = models.TextField(
        _("commented text"), help_text=_("What the plan showed when the comment was written.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="plan_comments",
    )
    text = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolved_plan_comments",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["plan", "resolved_at"], name="comment_plan_resolved")]
        constraints = [
            models.CheckConstraint(
                condition=_only_target(TargetKind.GOAL)
                | _only_target(TargetKind.EXPECTED_RESULT)
                | _only_target(TargetKind.SECTION),
                name="comment_one_target",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolved_by__isnull=True)
                | Q(resolved_at__isnull=False, resolved_by__isnull=False),
                name="comment_resolved_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.target_text[:60]}"

    def clean(self) -> None:
        # The constraint allows a missing target for the comments whose target was deleted;
        # a new comment must have one.
        if self._state.adding and self.target_kind in TARGET_FIELDS and self.target_id is None:
            raise ValidationError(_("Choose what in the plan you comment on."))

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def target_id(self) -> int | None:
        """The key of the commented object, or None once it has been deleted."""
        target_id: int | None = getattr(self, f"{TARGET_FIELDS[TargetKind(self.target_kind)]}_id")
        return target_id


class Reply(TimestampedModel):
    """An answer in a comment's thread, by one of the plan's editors or its granskare."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="plan_comment_replies",
    )
    text = models.TextField(_("text of the answer"))

    class Meta:
        verbose_name = _("answer to a comment")
        verbose_name_plural = _("answers to comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
