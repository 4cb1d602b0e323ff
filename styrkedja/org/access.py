"""THE authorization module: who may read what. Every view, task and API goes through it.

Rules (DOMAIN.md section 2, issue #2):
- a membership gives its role on its unit and on everything below it;
- every role (läsare and up) reads its units and everything below them;
- so an administratör (or anyone) on the kommun node reads everything;
- nothing of another nämnd is visible unless a membership says so;
- superusers read everything.
Editing rules come on top of these in a later issue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from styrkedja.org.models import ROLE_RANK, Membership, OrgUnit, OrgUnitQuerySet, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from styrkedja.org.models import User

    AnyUser = User | AnonymousUser

ModelT = TypeVar("ModelT", bound=Model)

_CACHE_ATTRIBUTE = "_styrkedja_memberships"


def memberships_of(user: AnyUser) -> list[Membership]:
    """The user's memberships with their units, loaded once per user object (one query).

    An inactive or anonymous user has none.
    """
    if not (user.is_authenticated and user.is_active):
        return []
    cached: list[Membership] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("org_unit"))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_memberships(user: AnyUser) -> None:
    """Drop the cached memberships, after they have changed."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _sees_everything(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def role_on(user: AnyUser, unit: OrgUnit) -> str | None:
    """The strongest role the user holds on `unit`, directly or through a unit above it."""
    if not (user.is_authenticated and user.is_active):
        return None
    roles = [
        membership.role
        for membership in memberships_of(user)
        if unit.path.startswith(membership.org_unit.path)
    ]
    return max(roles, key=ROLE_RANK.__getitem__, default=None)


def can_read(user: AnyUser, unit: OrgUnit) -> bool:
    return _sees_everything(user) or role_on(user, unit) is not None


def visible_filter(user: AnyUser, via: str) -> Q:
    """A filter for rows whose organisation unit (reached through `via`) the user may read.

    `via` is the lookup path from the filtered model to an OrgUnit: "org_unit",
    "owner", "goal__owner", or "" for OrgUnit itself.
    """
    if _sees_everything(user):
        return Q()
    prefix = f"{via}__" if via else ""
    condition = Q(pk__in=[])
    if user.is_authenticated and user.is_active:
        for membership in memberships_of(user):
            condition |= Q(**{f"{prefix}path__startswith": membership.org_unit.path})
    return condition


def visible_or_above_filter(user: AnyUser, via: str) -> Q:
    """Like visible_filter, and also the units above the user's units.

    Used for goals: a unit's plan repeats the KF and nämnd goals above it, so a
    reader of the unit reads those goals too (but not the rest of those units).
    """
    if _sees_everything(user):
        return Q()
    prefix = f"{via}__" if via else ""
    above = {
        unit_id
        for membership in memberships_of(user)
        for unit_id in membership.org_unit.ancestor_ids
    }
    return visible_filter(user, via) | Q(**{f"{prefix}pk__in": sorted(above)})


def visible_units(user: AnyUser) -> OrgUnitQuerySet:
    return OrgUnit.objects.filter(visible_filter(user, ""))


def check_read(user: AnyUser, unit: OrgUnit) -> None:
    """Raise PermissionDenied (403) unless the user may read `unit`."""
    if not can_read(user, unit):
        raise PermissionDenied


def get_object_for_user(
    user: AnyUser, queryset: QuerySet[ModelT], *, unit_of: str, **lookup: Any
) -> ModelT:
    """The object matching `lookup`, or 404 if there is none and 403 if the user may not read it.

    `unit_of` names the attribute path (dotted) from the object to its OrgUnit;
    the queryset should select_related it so that the check costs no query.
    """
    try:
        found = queryset.get(**lookup)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    unit: Any = found
    for attribute in filter(None, unit_of.split(".")):
        unit = getattr(unit, attribute)
    check_read(user, unit)
    return found


def get_org_unit_for_user(user: AnyUser, pk: int) -> OrgUnit:
    return get_object_for_user(user, OrgUnit.objects.all(), unit_of="", pk=pk)


def administered_councils(user: AnyUser) -> OrgUnitQuerySet:
    """The nämnder on which the user is administratör (directly or from the kommun node)."""
    councils = OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNCIL)
    if _sees_everything(user):
        return councils
    condition = Q(pk__in=[])
    for membership in memberships_of(user):
        if membership.role == Role.ADMINISTRATOR:
            condition |= Q(path__startswith=membership.org_unit.path)
    return councils.filter(condition)


def administers_municipality(user: AnyUser) -> bool:
    return _sees_everything(user) or any(
        membership.role == Role.ADMINISTRATOR
        and membership.org_unit.kind == OrgUnit.Kind.MUNICIPALITY
        for membership in memberships_of(user)
    )


def can_import(user: AnyUser) -> bool:
    """Importing plans creates units and goals, so it is for administratörer."""
    return _sees_everything(user) or any(
        membership.role == Role.ADMINISTRATOR for membership in memberships_of(user)
    )


# Editing ---------------------------------------------------------------------------------
#
# On top of the read rules (issue #4):
# - a redaktör edits the plans of its unit and the units below, while they are drafts;
# - a granskare may do all that, and edits the nämndmål of its nämnd;
# - an administratör on a nämnd manages its units, memberships and years;
# - only an administratör on the kommun node edits KF goals and KF indicators.
# Roles are ordered (läsare < redaktör < granskare < administratör): a stronger role may
# do what a weaker one may.


def _has_role(user: AnyUser, unit: OrgUnit, least: str) -> bool:
    if _sees_everything(user):
        return True
    role = role_on(user, unit)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[least]


def can_edit_plans_of(user: AnyUser, unit: OrgUnit) -> bool:
    """May write the plans (sections, goals, activities, indicators) of `unit`."""
    return _has_role(user, unit, Role.EDITOR)


def can_edit_goals_owned_by(user: AnyUser, owner: OrgUnit) -> bool:
    """May write goals owned by `owner`: KF goals, a nämnd's goals or a unit's goals."""
    if owner.kind == OrgUnit.Kind.MUNICIPALITY:
        return administers_municipality(user)
    if owner.kind == OrgUnit.Kind.COUNCIL:
        return _has_role(user, owner, Role.REVIEWER)
    return _has_role(user, owner, Role.EDITOR)


def can_manage(user: AnyUser, unit: OrgUnit) -> bool:
    """May manage `unit`'s organisation, memberships and years (administratör)."""
    return _has_role(user, unit, Role.ADMINISTRATOR)


def can_decide_targets(user: AnyUser, unit: OrgUnit) -> bool:
    """May record a decided change of `unit`'s targets once its plan is adopted.

    The administratör on the nämnd records the nämnd's decisions for it and its units;
    KF:s targets (on the kommun node) only an administratör there.
    """
    return _has_role(user, unit, Role.ADMINISTRATOR)


def can_roll_over(user: AnyUser, council: OrgUnit) -> bool:
    """May start the next year for `council` by copying this year's plans and goals.

    Granskare and administratör on the nämnd; a membership on the kommun node reaches the
    nämnd too, so the kommun's administratörer may as well.
    """
    return council.kind == OrgUnit.Kind.COUNCIL and _has_role(user, council, Role.REVIEWER)


def get_council_for_manager(user: AnyUser, unit_id: int) -> OrgUnit:
    """The nämnd `unit_id` for a user who manages it (administratör on it or above it).

    404 for an unknown unit and for a unit that is not a nämnd; 403 for anyone else.
    """
    council = OrgUnit.objects.filter(pk=unit_id, kind=OrgUnit.Kind.COUNCIL).first()
    if council is None:
        raise Http404
    if not can_manage(user, council):
        raise PermissionDenied
    return council


def _administers_a_council(user: AnyUser) -> bool:
    # An administratör on the kommun node manages every nämnd, so counts as one too.
    return _sees_everything(user) or any(
        membership.role == Role.ADMINISTRATOR
        and membership.org_unit.kind in (OrgUnit.Kind.MUNICIPALITY, OrgUnit.Kind.COUNCIL)
        for membership in memberships_of(user)
    )


def can_manage_years(user: AnyUser) -> bool:
    """May add a year and move the deadlines of the nämnd levels (enhet, avdelning, nämnd).

    Years and report periods are city-wide, so any nämnd's administratör may.
    """
    return _administers_a_council(user)


def can_read_catalogue(user: AnyUser) -> bool:
    """The indicator catalogue is city-wide: anyone with a role somewhere reads it."""
    return _sees_everything(user) or bool(memberships_of(user))


def can_edit_indicators_owned_at(user: AnyUser, owner_kind: str) -> bool:
    """May edit catalogue entries owned at `owner_kind`: KF indicators only the kommun's
    administratörer, the others any nämnd administratör."""
    if owner_kind == OrgUnit.Kind.MUNICIPALITY:
        return administers_municipality(user)
    return _administers_a_council(user)


def can_comment(user: AnyUser, unit: OrgUnit) -> bool:
    """May comment on the plans of `unit` as their granskare (issue #5).

    Granskare and up on the unit or on a unit above it (its nämnd), in any status of the plan:
    reviewing a plan marked ready is the point.
    """
    return _has_role(user, unit, Role.REVIEWER)


def can_answer_comments(user: AnyUser, unit: OrgUnit) -> bool:
    """May answer and resolve the comments on the plans of `unit`: their editors and granskare.

    In any status of the plan; only writing the plan itself is limited to drafts.
    """
    return can_edit_plans_of(user, unit) or can_comment(user, unit)


# Workflow ----------------------------------------------------------------------------------
#
# Who moves a plan or report through its statuses (issue #6, styrkedja/workflow):
# - its editors mark a draft ready (klarmarkera);
# - a granskare ABOVE its unit approves it or returns it: a role on the unit itself is not
#   enough, so nobody approves the plans of the unit they work in;
# - a nämnd's own plan is decided (beslutad) by the nämnd: an administratör on the nämnd
#   records the decision; a unit's plan is adopted (fastställd) under delegation by the role
#   the nämnd's administratör chose (granskare or administratör on the nämnd);
# - the adopter locks it; only an administratör of the nämnd reopens an adopted plan.
# "On the nämnd" includes a membership on the kommun node above it, as everywhere here.


def _is_decided_by_its_own_body(unit: OrgUnit) -> bool:
    """A nämnd's (or the kommun's) own plan is decided, not adopted under delegation."""
    return unit.kind in (OrgUnit.Kind.COUNCIL, OrgUnit.Kind.MUNICIPALITY)


def _role_on_council_or_above(user: AnyUser, unit: OrgUnit) -> str | None:
    """The strongest role held on `unit`'s nämnd or the kommun node: memberships on those
    nodes only, not on the departments or units between the nämnd and `unit`."""
    if not (user.is_authenticated and user.is_active):
        return None
    roles = [
        membership.role
        for membership in memberships_of(user)
        if membership.org_unit.kind in (OrgUnit.Kind.MUNICIPALITY, OrgUnit.Kind.COUNCIL)
        and unit.path.startswith(membership.org_unit.path)
    ]
    return max(roles, key=ROLE_RANK.__getitem__, default=None)


def can_mark_ready(user: AnyUser, unit: OrgUnit) -> bool:
    """May mark a draft plan or report of `unit` ready (klarmarkera): its editors."""
    return can_edit_plans_of(user, unit)


def can_review(user: AnyUser, unit: OrgUnit) -> bool:
    """May approve or return a plan of `unit` marked ready: granskare and up on a unit ABOVE it."""
    if _sees_everything(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return any(
        ROLE_RANK[membership.role] >= ROLE_RANK[Role.REVIEWER]
        and membership.org_unit.pk != unit.pk
        and unit.path.startswith(membership.org_unit.path)
        for membership in memberships_of(user)
    )


def can_adopt(user: AnyUser, unit: OrgUnit, adopting_role: str) -> bool:
    """May adopt (and then lock) an approved plan of `unit`.

    A nämnd's own plan: an administratör on the nämnd records the nämnd's decision. A unit's
    plan: `adopting_role` or stronger on the unit's nämnd (the nämnd's delegation setting).
    """
    if _sees_everything(user):
        return True
    least = Role.ADMINISTRATOR if _is_decided_by_its_own_body(unit) else adopting_role
    role = _role_on_council_or_above(user, unit)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[least]


def can_reopen(user: AnyUser, unit: OrgUnit) -> bool:
    """May reopen an adopted or locked plan of `unit` as a new version: an administratör of
    its nämnd (of the kommun, for the kommun's own plan)."""
    if _sees_everything(user):
        return True
    role = _role_on_council_or_above(user, unit)
    return role == Role.ADMINISTRATOR


# Controller overview -----------------------------------------------------------------------
#
# The follow-up overview of a nämnd (issue #6, reports/overview.py) shows how far every unit
# of the nämnd has come with a report and sends reminders to the late ones. It is for the
# nämnd's controllers: granskare and administratör on the nämnd or on the kommun node above it.


def can_oversee(user: AnyUser, council: OrgUnit) -> bool:
    """May see the follow-up overview of `council` and remind its late units."""
    return council.kind == OrgUnit.Kind.COUNCIL and _has_role(user, council, Role.REVIEWER)
