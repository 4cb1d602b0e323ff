"""A nämnd's delegation setting: which role adopts its units' plans and reports.

Mounted at organisation/<unit_id>/delegering/, beside the nämnd's other administration
pages, and for the same people: its administratörer.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styrkedja.org import access
from styrkedja.workflow import services
from styrkedja.workflow.forms import DelegationForm
from styrkedja.workflow.models import adopting_role_for


@login_required
@require_http_methods(["GET", "POST"])
def setting(request: HttpRequest, unit_id: int) -> HttpResponse:
    council = access.get_council_for_manager(request.user, unit_id)
    current = adopting_role_for(council)
    form = DelegationForm(request.POST or None, initial={"adopting_role": current})
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert user.is_authenticated  # login_required
        if services.set_adopting_role(
            council=council, adopting_role=form.cleaned_data["adopting_role"], user=user
        ):
            messages.success(request, _("The delegation has been changed."))
        return redirect("delegation:setting", unit_id=council.pk)
    return render(
        request,
        "workflow/delegation.html",
        {"council": council, "form": form, "tab": "delegation"},
        status=422 if form.errors else 200,
    )
