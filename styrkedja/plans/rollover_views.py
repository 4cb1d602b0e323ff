"""Starting the next year for a nämnd: a preview of what the rollover copies, then the rollover.

The preview counts without writing (plans.rollover decides once and both count and copy from the
same decisions), so looking at the page never changes anything.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.core.forms import StyledForm
from styrkedja.org import access
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan
from styrkedja.plans.rollover import preview_rollover, roll_over_council, source_years


class RolloverForm(StyledForm):
    from_year = forms.TypedChoiceField(
        label=_("Copy from the year"),
        coerce=int,
        help_text=_("The years in which the committee or its units have an operational plan."),
        error_messages={"invalid_choice": _("Choose one of the years that have plans.")},
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["from_year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, str(year)) for year in years]
        # Style the fields added after StyledForm.__init__ ran.
        self.style_fields()


def _council_for(request: HttpRequest, unit_id: int) -> OrgUnit:
    """The nämnd, for a user who may roll it over: 404 for another kind of unit, else 403."""
    unit = access.get_org_unit_for_user(request.user, unit_id)
    if not unit.is_council:
        raise Http404
    if not access.can_roll_over(request.user, unit):
        raise PermissionDenied
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, unit_id: int) -> HttpResponse:
    """GET shows what starting the next year would copy; POST copies it."""
    council = _council_for(request, unit_id)
    years = source_years(council)
    if request.method == "POST":
        form = RolloverForm(request.POST, years=years)
    elif "from_year" in request.GET:
        form = RolloverForm(request.GET, years=years)
    else:
        form = RolloverForm(initial={"from_year": years[0] if years else None}, years=years)

    if request.method == "POST" and form.is_valid():
        result = roll_over_council(council=council, from_year=form.cleaned_data["from_year"])
        details = {
            "year": result.to_year,
            "from_year": result.from_year,
            "council": council.name,
            "count": result.created.total(),
        }
        if result.created_anything:
            messages.success(
                request,
                gettext(
                    "Year %(year)s has been started for %(council)s: %(count)s items were "
                    "copied from %(from_year)s as drafts."
                )
                % details,
            )
        else:
            messages.info(
                request,
                gettext(
                    "Nothing new was created: year %(year)s already has a copy of everything "
                    "in %(from_year)s."
                )
                % details,
            )
        return redirect("rollover:done", unit_id=council.pk, year=result.to_year)

    preview = None
    if form.is_bound and form.is_valid():
        preview = preview_rollover(council=council, from_year=form.cleaned_data["from_year"])
    elif not form.is_bound and years:
        preview = preview_rollover(council=council, from_year=years[0])
    return render(
        request,
        "plans/rollover.html",
        {"council": council, "form": form, "years": years, "preview": preview},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def done(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    """Where the rollover leads: its message and the way to the new year's plan."""
    council = _council_for(request, unit_id)
    has_plan = Plan.objects.filter(
        org_unit=council, year__number=year, kind=PeriodKind.PLAN
    ).exists()
    return render(
        request,
        "plans/rollover_done.html",
        {"council": council, "year": year, "has_plan": has_plan},
    )
