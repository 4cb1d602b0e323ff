"""A nämnd's administration: its units, who holds which role in it, and the years' deadlines.

Every view fetches the nämnd through access.get_council_for_manager (404 for a unit that is
not a nämnd, 403 for anyone who does not manage it), and the unit or membership it changes
only from inside that nämnd, so the full pages and the pieces htmx asks for obey the same
rules. The years pages read and write `periods`, the app above this one; like the plan edit
views of the apps above, only this views module does.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkedja.core.collation import swedish
from styrkedja.core.htmx import is_htmx
from styrkedja.org import access, services
from styrkedja.org.forms import (
    DEADLINE_KINDS,
    DeadlinesForm,
    MembershipForm,
    MembershipRoleForm,
    NewOrgUnitForm,
    OrgUnitForm,
    UserSearchForm,
)
from styrkedja.org.models import Membership, OrgUnit, User
from styrkedja.org.tree import build_tree
from styrkedja.periods import services as periods_services
from styrkedja.periods.models import Deadline, PeriodKind, ReportPeriod, Year
from styrkedja.periods.services import get_or_create_year

USER_SEARCH_LIMIT = 20


def _acting_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required let only a logged-in user through
    return user


# Units -----------------------------------------------------------------------------------


def _unit_of(council: OrgUnit, org_unit_id: int) -> OrgUnit:
    """A unit below the nämnd (not the nämnd itself): 404 for any other."""
    return get_object_or_404(
        OrgUnit.objects.descendants_of(council, include_self=False), pk=org_unit_id
    )


@login_required
@require_GET
def units(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The nämnd's units as a tree, with the actions on each."""
    council = access.get_council_for_manager(request.user, unit_id)
    tree = build_tree(OrgUnit.objects.descendants_of(council).in_swedish_order())
    return render(request, "org/units.html", {"council": council, "tree": tree, "tab": "units"})


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    council = access.get_council_for_manager(request.user, unit_id)
    form = NewOrgUnitForm(
        request.POST or None,
        council=council,
        initial={"kind": OrgUnit.Kind.UNIT, "parent": council.pk},
    )
    if request.method == "POST" and form.is_valid():
        unit = services.save_org_unit(form.instance)
        messages.success(request, _("%(unit)s has been added.") % {"unit": unit.name})
        return redirect("org:units", unit_id=council.pk)
    return render(
        request,
        "org/unit_form.html",
        {"council": council, "form": form, "unit": None},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int, org_unit_id: int) -> HttpResponse:
    """Rename a unit, change its validity, or move it elsewhere in the nämnd."""
    council = access.get_council_for_manager(request.user, unit_id)
    unit = _unit_of(council, org_unit_id)
    unit_name = unit.name  # the form writes what is typed into `unit`, valid or not
    form = OrgUnitForm(request.POST or None, instance=unit, council=council)
    if request.method == "POST" and form.is_valid():
        services.save_org_unit(form.instance)
        messages.success(request, _("%(unit)s has been saved.") % {"unit": unit.name})
        return redirect("org:units", unit_id=council.pk)
    return render(
        request,
        "org/unit_form.html",
        {"council": council, "form": form, "unit": unit, "unit_name": unit_name},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_delete(request: HttpRequest, unit_id: int, org_unit_id: int) -> HttpResponse:
    """GET asks for confirmation, or says what keeps the unit; POST deletes."""
    council = access.get_council_for_manager(request.user, unit_id)
    unit = _unit_of(council, org_unit_id)
    if request.method == "POST":
        try:
            services.delete_org_unit(unit)
        except services.UnitInUse as refused:
            blockers = refused.blockers
        else:
            messages.success(request, _("%(unit)s has been deleted.") % {"unit": unit.name})
            return redirect("org:units", unit_id=council.pk)
    else:
        blockers = services.deletion_blockers(unit)
    return render(
        request,
        "org/unit_delete.html",
        {
            "council": council,
            "unit": unit,
            "blockers": blockers,
            "membership_count": unit.memberships.count(),
        },
        status=422 if request.method == "POST" else 200,
    )


# Memberships -----------------------------------------------------------------------------


def _memberships_of(council: OrgUnit) -> list[Membership]:
    """The memberships on the nämnd and its units, in the order of the tree, then by user."""
    tree = build_tree(OrgUnit.objects.descendants_of(council).in_swedish_order())
    place = {node.unit.pk: index for root in tree for index, node in enumerate(root.walk())}
    found = (
        Membership.objects.filter(org_unit__path__startswith=council.path)
        .select_related("user", "org_unit")
        .order_by(swedish("user__username"), "pk")
    )
    return sorted(found, key=lambda membership: place.get(membership.org_unit_id, len(place)))


def _membership_of(council: OrgUnit, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "org_unit"),
        pk=membership_id,
        org_unit__path__startswith=council.path,
    )


@login_required
@require_GET
def memberships(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Who holds which role on the nämnd and its units."""
    council = access.get_council_for_manager(request.user, unit_id)
    return render(
        request,
        "org/memberships.html",
        {"council": council, "memberships": _memberships_of(council), "tab": "memberships"},
    )


def _find_users(query: str) -> tuple[list[User], bool]:
    if not query:
        return [], False
    condition = Q()
    for word in query.split():
        condition &= (
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    found = list(
        User.objects.filter(condition, is_active=True).order_by(swedish("username"), "pk")[
            : USER_SEARCH_LIMIT + 1
        ]
    )
    return found[:USER_SEARCH_LIMIT], len(found) > USER_SEARCH_LIMIT


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Give an existing user a role; GET with `q` also lists the users that match."""
    council = access.get_council_for_manager(request.user, unit_id)
    search_form = UserSearchForm(request.GET if "q" in request.GET else None)
    found, more = _find_users(search_form.query if search_form.is_bound else "")
    if is_htmx(request) and request.method == "GET" and search_form.is_bound:
        return render(
            request,
            "org/membership_form.html#user-results",
            {"council": council, "found": found, "more": more, "searched": True},
        )
    form = MembershipForm(
        request.POST or None,
        council=council,
        initial={"username": request.GET.get("username", ""), "org_unit": council.pk},
    )
    if request.method == "POST" and form.is_valid():
        membership = services.add_membership(
            user=form.cleaned_data["username"],
            org_unit=form.cleaned_data["org_unit"],
            role=form.cleaned_data["role"],
        )
        messages.success(
            request,
            _("%(user)s is now %(role)s on %(unit)s.")
            % {
                "user": membership.user,
                "role": membership.get_role_display(),
                "unit": membership.org_unit.name,
            },
        )
        return redirect("org:memberships", unit_id=council.pk)
    return render(
        request,
        "org/membership_form.html",
        {
            "council": council,
            "form": form,
            "search_form": search_form,
            "found": found,
            "more": more,
            "searched": search_form.is_bound,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, unit_id: int, membership_id: int) -> HttpResponse:
    council = access.get_council_for_manager(request.user, unit_id)
    membership = _membership_of(council, membership_id)
    form = MembershipRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership_role(
                membership,
                role=form.cleaned_data["role"],
                acting_user=_acting_user(request),
                council=council,
            )
        except services.ChangeRefused as refused:
            form.add_error("role", str(refused))
        else:
            return redirect("org:memberships", unit_id=council.pk)
    return render(
        request,
        "org/membership_edit.html",
        {"council": council, "form": form, "membership": membership},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_delete(request: HttpRequest, unit_id: int, membership_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the role."""
    council = access.get_council_for_manager(request.user, unit_id)
    membership = _membership_of(council, membership_id)
    refusal = ""
    if request.method == "POST":
        try:
            services.remove_membership(
                membership, acting_user=_acting_user(request), council=council
            )
        except services.ChangeRefused as refused:
            refusal = str(refused)
        else:
            messages.success(
                request,
                _("%(user)s no longer has a role on %(unit)s.")
                % {"user": membership.user, "unit": membership.org_unit.name},
            )
            return redirect("org:memberships", unit_id=council.pk)
    return render(
        request,
        "org/membership_delete.html",
        {"council": council, "membership": membership, "refusal": refusal},
        status=422 if refusal else 200,
    )


# Years and deadlines ---------------------------------------------------------------------

_PERIOD_ORDER = {kind: index for index, kind in enumerate(PeriodKind.values)}


def _years_context(council: OrgUnit) -> dict[str, object]:
    """Every year with its report periods in document order and the nämnd levels' deadlines."""
    years = list(
        Year.objects.order_by("number").prefetch_related(
            Prefetch(
                "periods",
                queryset=ReportPeriod.objects.prefetch_related(
                    Prefetch(
                        "deadlines", queryset=Deadline.objects.filter(org_kind__in=DEADLINE_KINDS)
                    )
                ),
            )
        )
    )
    rows = []
    for year in years:
        periods = sorted(year.periods.all(), key=lambda period: _PERIOD_ORDER[period.kind])
        rows.append(
            {
                "year": year,
                "periods": [
                    {
                        "period": period,
                        "due": [
                            next(
                                (d.due_on for d in period.deadlines.all() if d.org_kind == kind),
                                None,
                            )
                            for kind in DEADLINE_KINDS
                        ],
                    }
                    for period in periods
                ],
            }
        )
    return {
        "council": council,
        "years": rows,
        "next_year": _next_year_number([year.number for year in years]),
        "deadline_kinds": [OrgUnit.Kind(kind).label for kind in DEADLINE_KINDS],
        "tab": "years",
    }


def _next_year_number(numbers: list[int]) -> int:
    return max(numbers) + 1 if numbers else timezone.localdate().year


def _check_manage_years(request: HttpRequest) -> None:
    if not access.can_manage_years(request.user):
        raise PermissionDenied


@login_required
@require_GET
def years(request: HttpRequest, unit_id: int) -> HttpResponse:
    council = access.get_council_for_manager(request.user, unit_id)
    return render(request, "org/years.html", _years_context(council))


@login_required
@require_POST
def year_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Add the year after the last one, with its report periods and default deadlines."""
    council = access.get_council_for_manager(request.user, unit_id)
    _check_manage_years(request)
    number = _next_year_number(list(Year.objects.values_list("number", flat=True)))
    year, _created = get_or_create_year(number=number)
    added = _("Year %(year)s has been added with its report periods and default deadlines.") % {
        "year": year.number
    }
    if is_htmx(request):
        context = _years_context(council)
        context["added"] = added
        return render(request, "org/years.html#year-list", context)
    messages.success(request, added)
    return redirect("org:years", unit_id=council.pk)


@login_required
@require_http_methods(["GET", "POST"])
def deadlines(request: HttpRequest, unit_id: int, period_id: int) -> HttpResponse:
    """The deadlines of one report period for units, departments and committees."""
    council = access.get_council_for_manager(request.user, unit_id)
    _check_manage_years(request)
    period = get_object_or_404(
        ReportPeriod.objects.select_related("year").prefetch_related("deadlines"), pk=period_id
    )
    current = {deadline.org_kind: deadline.due_on for deadline in period.deadlines.all()}
    form = DeadlinesForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        periods_services.set_deadlines(
            period, {kind: form.cleaned_data[kind] for kind in DEADLINE_KINDS}
        )
        messages.success(
            request,
            _("The deadlines of %(period)s %(year)s have been saved.")
            % {"period": period.get_kind_display(), "year": period.year.number},
        )
        return redirect(reverse("org:years", args=[council.pk]) + f"#year-{period.year.number}")
    return render(
        request,
        "org/deadlines_form.html",
        {"council": council, "period": period, "form": form},
        status=422 if form.errors else 200,
    )
