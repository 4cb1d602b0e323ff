"""A plan's comments: the list with its threads, adding a comment, answering, resolving.

Every view fetches the plan through get_plan_by_id_for_user (its readers; 404/403 otherwise),
then asks org.access who may comment (granskare) or answer and resolve (editors and granskare),
in any status of the plan. A comment may only be about something the plan shows
(comments.targets). htmx gets the changed piece of page, a plain browser a page or a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.comments import services
from styrkedja.comments.forms import CommentForm, ReplyForm
from styrkedja.comments.models import Comment, CommentQuerySet, TargetKind
from styrkedja.comments.targets import PlanTargets, Target, plan_targets
from styrkedja.core.htmx import is_htmx
from styrkedja.org import access
from styrkedja.org.models import User
from styrkedja.plans.document import build_plan_document
from styrkedja.plans.models import Plan, get_plan_by_id_for_user

STATUSES = {
    "open": gettext_lazy("Open comments"),
    "resolved": gettext_lazy("Resolved comments"),
    "all": gettext_lazy("All comments"),
}


@dataclass
class CommentRow:
    """A comment as the list shows it, with its target as the plan shows it now."""

    comment: Comment
    target: Target | None
    reply_form: ReplyForm | None

    @property
    def target_label(self) -> str:
        return self.target.label if self.target else self.comment.target_text

    @property
    def target_gone(self) -> bool:
        # Deleted, or no longer included in the plan: the snapshot stands in for it.
        return self.target is None


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required
    return request.user


def _targets(plan: Plan) -> PlanTargets:
    return plan_targets(build_plan_document(plan))


def _reply_form(comment: Comment, data: object = None) -> ReplyForm:
    # Every thread on the list has its own form: give their fields their own ids.
    return ReplyForm(data, auto_id=f"id_reply-{comment.pk}-%s")


def _row(
    request: HttpRequest, plan: Plan, comment: Comment, targets: PlanTargets, form: ReplyForm | None
) -> CommentRow:
    if form is None and access.can_answer_comments(request.user, plan.org_unit):
        form = _reply_form(comment)
    target = targets.get(comment.target_kind, comment.target_id)
    return CommentRow(comment=comment, target=target, reply_form=form)


def _comments(plan: Plan) -> CommentQuerySet:
    return (
        Comment.objects.filter(plan=plan)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
    )


def _list_url(plan: Plan, status: str = "open", comment: Comment | None = None) -> str:
    url = reverse("comments:list", args=[plan.pk])
    if status != "open":
        url += f"?status={status}"
    return f"{url}#comment-{comment.pk}" if comment else url


def _area_context(
    request: HttpRequest,
    plan: Plan,
    targets: PlanTargets,
    *,
    status: str = "open",
    form: CommentForm | None = None,
) -> dict[str, object]:
    comments = _comments(plan)
    if status == "open":
        comments = comments.open()
    elif status == "resolved":
        comments = comments.resolved()
    counts = Comment.objects.filter(plan=plan).aggregate(
        open=Count("pk", filter=Q(resolved_at__isnull=True)),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        all=Count("pk"),
    )
    can_comment = access.can_comment(request.user, plan.org_unit)
    if form is None and can_comment:
        form = CommentForm(targets=targets)
    return {
        "plan": plan,
        "status": status,
        "filters": [(key, label, counts[key]) for key, label in STATUSES.items()],
        "rows": [_row(request, plan, comment, targets, None) for comment in comments],
        "form": form,
        "can_comment": can_comment,
    }


def _plan_for(request: HttpRequest, plan_id: int) -> Plan:
    return get_plan_by_id_for_user(request.user, plan_id)


def _check_comment(request: HttpRequest, plan: Plan) -> None:
    if not access.can_comment(request.user, plan.org_unit):
        raise PermissionDenied(_("Only the plan's granskare may comment on it."))


def _comment_for_answering(
    request: HttpRequest, plan_id: int, comment_id: int
) -> tuple[Plan, Comment]:
    plan = _plan_for(request, plan_id)
    comment = get_object_or_404(_comments(plan), pk=comment_id)
    if not access.can_answer_comments(request.user, plan.org_unit):
        raise PermissionDenied(_("You may read the comments on this plan but not answer them."))
    return plan, comment


@login_required
@require_GET
def comment_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's comments, open, resolved or all, each with its thread and actions."""
    plan = _plan_for(request, plan_id)
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    context = _area_context(request, plan, _targets(plan), status=status)
    template = "comments/list.html#comment-list" if is_htmx(request) else "comments/list.html"
    return render(request, template, context)


def _target_from_query(request: HttpRequest, targets: PlanTargets) -> Target | None:
    """The target named in the address (?goal=, ?expected_result=, ?section=), if any; 404 for
    one the plan does not show."""
    for kind in TargetKind:
        raw = request.GET.get(kind.value)
        if raw is None:
            continue
        target = targets.get(kind, int(raw)) if raw.isdigit() else None
        if target is None:
            raise Http404(_("The plan does not show what you want to comment on."))
        return target
    return None


@login_required
@require_http_methods(["GET", "POST"])
def comment_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_for(request, plan_id)
    _check_comment(request, plan)
    targets = _targets(plan)
    target = _target_from_query(request, targets)
    form = CommentForm(
        request.POST or None,
        targets=targets,
        initial={"target": target.key if target else ""},
    )
    if request.method == "POST" and form.is_valid():
        comment = services.add_comment(
            plan=plan,
            target=form.chosen_target(),
            author=_user(request),
            text=form.cleaned_data["text"],
        )
        if is_htmx(request):
            return render(
                request, "comments/list.html#comment-area", _area_context(request, plan, targets)
            )
        messages.success(request, _("Your comment was added."))
        return redirect(_list_url(plan, comment=comment))
    status = 422 if form.errors else 200
    if is_htmx(request):
        if request.method == "POST":
            context = _area_context(request, plan, targets, form=form)
            return render(request, "comments/list.html#comment-area", context, status=status)
        return render(
            request, "comments/list.html#comment-form", {"plan": plan, "form": form}, status=status
        )
    return render(
        request,
        "comments/comment_form.html",
        {"plan": plan, "form": form, "target": target},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_reply(request: HttpRequest, plan_id: int, comment_id: int) -> HttpResponse:
    """GET shows the thread with its answer form (the page without JavaScript); POST answers."""
    plan, comment = _comment_for_answering(request, plan_id, comment_id)
    form: ReplyForm | None = _reply_form(comment, request.POST or None)
    if request.method == "POST" and form is not None and form.is_valid():
        services.answer_comment(
            comment=comment, author=_user(request), text=form.cleaned_data["text"]
        )
        if not is_htmx(request):
            messages.success(request, _("Your answer was added."))
            status = "all" if comment.is_resolved else "open"
            return redirect(_list_url(plan, status, comment))
        comment = _comments(plan).get(pk=comment.pk)
        form = None
    row = _row(request, plan, comment, _targets(plan), form)
    template = "comments/list.html#comment-item" if is_htmx(request) else "comments/comment.html"
    return render(
        request,
        template,
        {"plan": plan, "row": row},
        status=422 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def comment_resolve(request: HttpRequest, plan_id: int, comment_id: int) -> HttpResponse:
    plan, comment = _comment_for_answering(request, plan_id, comment_id)
    services.resolve_comment(comment=comment, by=_user(request))
    if is_htmx(request):
        comment = _comments(plan).get(pk=comment.pk)
        row = _row(request, plan, comment, _targets(plan), None)
        return render(request, "comments/list.html#comment-item", {"plan": plan, "row": row})
    messages.success(request, _("The comment is marked resolved."))
    return redirect(_list_url(plan, "resolved", comment))
