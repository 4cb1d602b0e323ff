"""Changing the organisation tree and who holds which role in it (a nämnd's administration)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model, ProtectedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from styrkedja.history.writes import create_validated, update_changed_fields, validate
from styrkedja.org import access
from styrkedja.org.models import Membership, OrgUnit, Role, User


class ChangeRefused(Exception):
    """A change the rules do not allow; the message says why, for the user."""


@dataclass
class DeletionBlockers:
    """What keeps a unit from being deleted: units below it, plans, and other records."""

    units: list[OrgUnit] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    # (what, how many) for goals, targets, outcomes and the like.
    others: list[tuple[str, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.units or self.plans or self.others)


def _blockers_from(protected: set[Model]) -> DeletionBlockers:
    blockers = DeletionBlockers()
    counts: dict[str, int] = {}
    for instance in protected:
        if isinstance(instance, OrgUnit):
            blockers.units.append(instance)
        elif instance._meta.label == "plans.Plan":
            # The plans app sits above this one; the plan names itself.
            blockers.plans.append(str(instance))
        else:
            what = str(instance._meta.verbose_name_plural)
            counts[what] = counts.get(what, 0) + 1
    blockers.units.sort(key=lambda unit: unit.name)
    blockers.plans.sort()
    blockers.others = sorted(counts.items())
    return blockers


class UnitInUse(ChangeRefused):
    def __init__(self, blockers: DeletionBlockers) -> None:
        super().__init__(_("The unit cannot be deleted while something refers to it."))
        self.blockers = blockers


def deletion_blockers(unit: OrgUnit) -> DeletionBlockers:
    """What would stop `unit` from being deleted, found the way deleting finds it."""
    collector = Collector(using=DEFAULT_DB_ALIAS)
    try:
        collector.collect([unit])
    except ProtectedError as protected:
        return _blockers_from(set(protected.protected_objects))
    return DeletionBlockers()


def save_org_unit(unit: OrgUnit) -> OrgUnit:
    """Save a new or changed unit; a moved unit takes the units below it along (OrgUnit.save)."""
    with transaction.atomic():
        validate(unit)
        unit.save()
    return unit


def delete_org_unit(unit: OrgUnit) -> None:
    """Delete the unit and its memberships; refused while anything else refers to it."""
    try:
        with transaction.atomic():
            unit.delete()
    except ProtectedError as protected:
        raise UnitInUse(_blockers_from(set(protected.protected_objects))) from protected


def _would_lose_management(membership: Membership, *, acting_user: User, council: OrgUnit) -> bool:
    """True if taking away `membership` leaves its own holder unable to manage `council`."""
    if membership.user_id != acting_user.pk or membership.role != Role.ADMINISTRATOR:
        return False
    if acting_user.is_superuser:
        return False
    return not any(
        other.pk != membership.pk
        and other.role == Role.ADMINISTRATOR
        and council.path.startswith(other.org_unit.path)
        for other in access.memberships_of(acting_user)
    ) and council.path.startswith(membership.org_unit.path)


def add_membership(*, user: User, org_unit: OrgUnit, role: str) -> Membership:
    with transaction.atomic():
        membership: Membership = create_validated(
            Membership, user=user, org_unit=org_unit, role=role
        )
    access.forget_memberships(user)
    return membership


def change_membership_role(
    membership: Membership, *, role: str, acting_user: User, council: OrgUnit
) -> bool:
    """Give the membership another role; an administratör may not demote their last
    membership that makes them one on the nämnd."""
    if role != Role.ADMINISTRATOR and _would_lose_management(
        membership, acting_user=acting_user, council=council
    ):
        raise ChangeRefused(
            _(
                "You cannot take away your own last administrator role on %(council)s: "
                "you could no longer administer it. Ask another administrator."
            )
            % {"council": council.name}
        )
    with transaction.atomic():
        changed = update_changed_fields(membership, role=role)
    access.forget_memberships(acting_user)
    return changed


def remove_membership(membership: Membership, *, acting_user: User, council: OrgUnit) -> None:
    if _would_lose_management(membership, acting_user=acting_user, council=council):
        raise ChangeRefused(
            _(
                "You cannot remove your own last administrator role on %(council)s: "
                "you could no longer administer it. Ask another administrator."
            )
            % {"council": council.name}
        )
    with transaction.atomic():
        membership.delete()
    access.forget_memberships(acting_user)
