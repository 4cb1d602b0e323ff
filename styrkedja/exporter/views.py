"""The print view: a plan or report as the printed document, and the HTML its PDF is made from.

A nämnd's document can include its units' parts: `?enheter=all` for all of them, or
`?enhet=<id>&enhet=<id>` for the chosen ones, always in organisation order.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from styrkedja.exporter.html_render import render_html
from styrkedja.exporter.layout import build_export_document
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import get_plan_by_id_for_user

ALL_UNITS = "all"


class CompilationForm(forms.Form):
    """Which of the units below the plan's unit the document includes."""

    enheter = forms.ChoiceField(
        label=_("Units"), choices=[("", _("None")), (ALL_UNITS, _("All units"))], required=False
    )
    enhet = forms.ModelMultipleChoiceField(
        label=_("Chosen units"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, data: Any, *, unit: OrgUnit, year: int) -> None:
        super().__init__(data)
        self.below = OrgUnit.objects.descendants_of(unit, include_self=False).valid_in(year)
        field = self.fields["enhet"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = self.below

    def units(self) -> list[OrgUnit]:
        if self.cleaned_data["enheter"] == ALL_UNITS:
            return list(self.below)
        return list(self.cleaned_data["enhet"])


@login_required
@require_GET
def print_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_by_id_for_user(request.user, plan_id)
    form = CompilationForm(request.GET, unit=plan.org_unit, year=plan.year.number)
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponseBadRequest(" ".join(problems), content_type="text/plain; charset=utf-8")
    document = build_export_document(plan, units=form.units())
    return HttpResponse(render_html(document))
