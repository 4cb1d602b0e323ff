"""The only transitions a plan or report can make, one function each.

    draft ──mark_ready──▶ ready ──approve──▶ approved ──adopt──▶ adopted ──lock──▶ locked
      ▲                    │                                      │                │
      └──────return────────┘                                      │                │
      └──────────────────────────────reopen (a new version)───────┴────────────────┘

Each function checks the user's right (org/access.py, "Workflow") and the plan's status,
then, in one transaction, writes the status through `history.writes.update_edited` (so the
plan's history shows it), logs a `Transition`, and on adoption freezes a `PlanVersion`.
A request made from a page showing an older revision of the plan is refused with
`EditConflict` (409): someone else moved the plan on since. A transition that does not start
from the plan's status is refused with `TransitionRefused` (400).

Locking is a step of its own, by the adopter: "adopted" records the decision, "locked" says
that the document is closed for good (for a report: the follow-up is complete). Both are
frozen; an administratör of the nämnd reopens either as a new draft version.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrkedja.history.writes import EditConflict, update_edited
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan
from styrkedja.workflow.models import (
    DEFAULT_ADOPTING_ROLE,
    DelegationSetting,
    PlanVersion,
    Transition,
    adopting_role_for,
)
from styrkedja.workflow.snapshot import plan_snapshot

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from styrkedja.org.access import AnyUser
    from styrkedja.org.models import User

Status = Plan.Status
Action = Transition.Action


class TransitionRefused(Exception):
    """The transition does not exist from the plan's status (or lacks what it needs)."""


@dataclass(frozen=True)
class Step:
    """One kind of transition: where it may start, where it leads, and who may take it."""

    sources: frozenset[str]
    target: str
    label: StrOrPromise
    allowed: Callable[[AnyUser, Plan], bool]


def _may_adopt(user: AnyUser, plan: Plan) -> bool:
    unit = plan.org_unit
    return access.can_adopt(user, unit, adopting_role_for(unit))


STEPS: dict[str, Step] = {
    Action.MARK_READY: Step(
        frozenset({Status.DRAFT}),
        Status.READY,
        gettext_lazy("Mark ready"),
        lambda user, plan: access.can_mark_ready(user, plan.org_unit),
    ),
    Action.APPROVE: Step(
        frozenset({Status.READY}),
        Status.APPROVED,
        gettext_lazy("Approve"),
        lambda user, plan: access.can_review(user, plan.org_unit),
    ),
    Action.RETURN: Step(
        frozenset({Status.READY}),
        Status.DRAFT,
        gettext_lazy("Return"),
        lambda user, plan: access.can_review(user, plan.org_unit),
    ),
    Action.ADOPT: Step(
        frozenset({Status.APPROVED}), Status.ADOPTED, gettext_lazy("Adopt"), _may_adopt
    ),
    Action.LOCK: Step(frozenset({Status.ADOPTED}), Status.LOCKED, gettext_lazy("Lock"), _may_adopt),
    Action.REOPEN: Step(
        frozenset({Status.ADOPTED, Status.LOCKED}),
        Status.DRAFT,
        gettext_lazy("Reopen"),
        lambda user, plan: access.can_reopen(user, plan.org_unit),
    ),
}


def is_decided_by_committee(plan: Plan) -> bool:
    """A nämnd's own plan (or the kommun's) is decided (beslutad), a unit's adopted under
    delegation (fastställd)."""
    return plan.org_unit.kind in (OrgUnit.Kind.COUNCIL, OrgUnit.Kind.MUNICIPALITY)


def step_label(step_name: str, plan: Plan) -> str:
    """The button's words: adopting a nämnd's own plan is recording its decision (Besluta)."""
    if step_name == Action.ADOPT:
        return _("Decide") if is_decided_by_committee(plan) else _("Adopt")
    return str(STEPS[step_name].label)


def status_label(plan: Plan) -> str:
    """The plan's status in words; an adopted unit plan was adopted under delegation."""
    if plan.status == Status.ADOPTED and not is_decided_by_committee(plan):
        return str(Action.ADOPT.label)
    return str(plan.get_status_display())


def _adoption_action(plan: Plan) -> str:
    return Action.DECIDE if is_decided_by_committee(plan) else Action.ADOPT


# Asking --------------------------------------------------------------------------------------


def check_right(step_name: str, *, plan: Plan, user: AnyUser) -> None:
    """PermissionDenied (403) unless `user` may take the step on `plan`, whatever its status."""
    step = STEPS[step_name]
    if not step.allowed(user, plan):
        raise PermissionDenied(
            _("You may not do this with the plan: %(action)s.")
            % {"action": step_label(step_name, plan)}
        )


def check_status(step_name: str, *, plan: Plan) -> None:
    """TransitionRefused (400) unless the step starts from the plan's status."""
    step = STEPS[step_name]
    if plan.status not in step.sources:
        raise TransitionRefused(
            _("The plan is %(status)s, so this cannot be done now: %(action)s.")
            % {"status": status_label(plan), "action": step_label(step_name, plan)}
        )


def available_steps(*, plan: Plan, user: AnyUser) -> list[str]:
    """The steps `user` may take on `plan` as it is now, in the order of the workflow."""
    return [
        name
        for name, step in STEPS.items()
        if plan.status in step.sources and step.allowed(user, plan)
    ]


def last_transition(plan: Plan) -> Transition | None:
    return Transition.objects.filter(plan=plan).first()


def current_version(plan: Plan) -> int:
    """The plan's version: 1, and one more for each reopening."""
    latest = Transition.objects.filter(plan=plan).values_list("version", flat=True).first()
    return latest or 1


# Transitions ---------------------------------------------------------------------------------


def mark_ready(*, plan: Plan, user: User, base_revision: int | None) -> Transition:
    """Klarmarkera: the author says the draft is ready for review."""
    return _move(Action.MARK_READY, plan=plan, user=user, base_revision=base_revision)


def approve(*, plan: Plan, user: User, base_revision: int | None) -> Transition:
    """Godkänn: a granskare above the unit approves the plan marked ready."""
    return _move(Action.APPROVE, plan=plan, user=user, base_revision=base_revision)


def return_to_draft(
    *, plan: Plan, user: User, base_revision: int | None, comment: str
) -> Transition:
    """Returnera: a granskare above the unit sends it back to its author, saying why."""
    with transaction.atomic():
        from_status = _lock_and_check(
            Action.RETURN, plan=plan, user=user, base_revision=base_revision
        )
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the plan is returned.")})
        return _write(
            Action.RETURN, plan=plan, user=user, from_status=from_status, comment=comment.strip()
        )


def adopt(
    *,
    plan: Plan,
    user: User,
    base_revision: int | None,
    decided_on: datetime.date,
    case_number: str,
) -> Transition:
    """Besluta (a nämnd's own plan) or fastställa (a unit's, under delegation) the approved
    plan, recording the decision's date and diarienummer, and freeze it as a version."""
    case_number = case_number.strip()
    with transaction.atomic():
        from_status = _lock_and_check(
            Action.ADOPT, plan=plan, user=user, base_revision=base_revision
        )
        if is_decided_by_committee(plan) and not case_number:
            raise ValidationError({"case_number": _("Give the decision's case number.")})
        moved = _write(
            Action.ADOPT,
            plan=plan,
            user=user,
            from_status=from_status,
            recorded_as=_adoption_action(plan),
            decided_on=decided_on,
            case_number=case_number,
        )
        _freeze(plan, number=moved.version, adopted_at=moved.at)
    return moved


def lock(*, plan: Plan, user: User, base_revision: int | None) -> Transition:
    """Lås: the adopted plan is closed for good."""
    return _move(Action.LOCK, plan=plan, user=user, base_revision=base_revision)


def reopen(*, plan: Plan, user: User, base_revision: int | None, comment: str) -> Transition:
    """Öppna igen: the adopted (or locked) plan becomes a draft again, as its next version.

    The adopted version stays as it was frozen. A plan adopted outside the workflow (an
    import, the demo city) has no frozen version yet: it is frozen now, as it stands.
    """
    with transaction.atomic():
        from_status = _lock_and_check(
            Action.REOPEN, plan=plan, user=user, base_revision=base_revision
        )
        if not comment.strip():
            raise ValidationError({"comment": _("Say why the plan is reopened.")})
        version = current_version(plan)
        if not PlanVersion.objects.filter(plan=plan, number=version).exists():
            _freeze(plan, number=version, adopted_at=None)
        return _write(
            Action.REOPEN,
            plan=plan,
            user=user,
            from_status=from_status,
            comment=comment.strip(),
            version=version + 1,
            decided_on=None,
        )


def _move(
    step_name: str, *, plan: Plan, user: User, base_revision: int | None, comment: str = ""
) -> Transition:
    with transaction.atomic():
        from_status = _lock_and_check(step_name, plan=plan, user=user, base_revision=base_revision)
        return _write(step_name, plan=plan, user=user, from_status=from_status, comment=comment)


def _lock_and_check(step_name: str, *, plan: Plan, user: User, base_revision: int | None) -> str:
    """Lock the plan's row and check, in this order: the user's right (403), that nobody moved
    the plan on since the user's page was shown (409), and that the step starts from its
    status (400). Returns the status it starts from."""
    stored = Plan.objects.select_for_update().select_related("org_unit").get(pk=plan.pk)
    check_right(step_name, plan=stored, user=user)
    if base_revision is not None and stored.revision != base_revision:
        plan.refresh_from_db()
        raise EditConflict(plan, base_revision)
    check_status(step_name, plan=stored)
    return stored.status


def _write(
    step_name: str,
    *,
    plan: Plan,
    user: User,
    from_status: str,
    comment: str = "",
    recorded_as: str | None = None,
    version: int | None = None,
    **values: object,
) -> Transition:
    """The status (with `values`) through the history, and the log row; under the row lock."""
    step = STEPS[step_name]
    # update_edited compares with the stored row, so a stale `plan` writes only what differs.
    update_edited(plan, base_revision=None, status=step.target, **values)
    return Transition.objects.create(
        plan=plan,
        action=recorded_as or step_name,
        from_status=from_status,
        to_status=step.target,
        version=version or current_version(plan),
        actor=user,
        actor_name=user.get_full_name() or user.get_username(),
        at=timezone.now(),
        comment=comment,
    )


def _freeze(plan: Plan, *, number: int, adopted_at: datetime.datetime | None) -> PlanVersion:
    plan.refresh_from_db()
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        decision=(
            PlanVersion.Decision.DECIDED
            if is_decided_by_committee(plan)
            else PlanVersion.Decision.DELEGATED
        ),
        decided_on=plan.decided_on,
        case_number=plan.case_number,
        adopted_at=adopted_at,
        snapshot=plan_snapshot(plan),
    )


# Delegation ----------------------------------------------------------------------------------


def set_adopting_role(*, council: OrgUnit, adopting_role: str, user: User) -> bool:
    """Choose who adopts `council`'s units' plans under delegation; True if it changed.

    The caller has checked that `user` manages the nämnd (access.get_council_for_manager).
    """
    with transaction.atomic():
        setting = DelegationSetting.objects.select_for_update().filter(council=council).first()
        current = setting.adopting_role if setting else DEFAULT_ADOPTING_ROLE
        if adopting_role == current:
            return False
        setting = setting or DelegationSetting(council=council)
        setting.adopting_role = adopting_role
        setting.changed_by = user
        setting.changed_at = timezone.now()
        setting.full_clean(exclude=["council", "changed_by"])
        setting.save()
    return True
