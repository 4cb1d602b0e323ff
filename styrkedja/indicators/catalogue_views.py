"""The city-wide indicator catalogue: everyone with a role reads and searches it; the
administratörer edit its entries (KF indicators only the kommun's administratörer).

The rules come from org.access (can_read_catalogue, can_edit_indicators_owned_at), so the
list, the search results htmx asks for and the edit page obey the same rules.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.core.collation import swedish
from styrkedja.core.forms import StyledForm, StyledModelForm
from styrkedja.core.htmx import is_htmx
from styrkedja.core.search import fold
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.history.writes import EditConflict
from styrkedja.indicators.models import Indicator
from styrkedja.indicators.services import update_catalogue_entry
from styrkedja.org import access
from styrkedja.org.models import OrgUnit

PAGE_SIZE = 50
ENTRY_FIELDS = [
    "name",
    "unit",
    "periodicity",
    "by_sex",
    "direction",
    "source",
    "owner_kind",
    "aggregation",
]


class CatalogueSearchForm(StyledForm):
    q = forms.CharField(
        label=gettext_lazy("Search the indicator catalogue"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Type part of the name. Upper and lower case and å, ä, ö need not match."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Search as you type: htmx asks for the results alone; without JavaScript the
        # surrounding form is sent as a plain GET and the whole page comes back.
        self.fields["q"].widget.attrs.update(
            {
                "hx-get": reverse("catalogue:index"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#catalogue-results",
                "hx-swap": "outerHTML",
            }
        )

    @property
    def query(self) -> str:
        if not self.is_valid():
            return ""
        return " ".join(self.cleaned_data["q"].split())


class CatalogueEntryForm(RevisionFormMixin, StyledModelForm):
    """A catalogue entry; the owner levels offered are those the user may edit."""

    class Meta:
        model = Indicator
        fields = ENTRY_FIELDS
        labels = {"unit": gettext_lazy("Unit of measure")}
        help_texts = {
            "name": gettext_lazy(
                "Every goal and plan that follows the indicator shows the new name."
            ),
            "unit": gettext_lazy("For example %, st, kr or index. Leave empty for a bare number."),
            "source": gettext_lazy("For example Stockholmsenkäten, a user survey or Kolada."),
            "owner_kind": gettext_lazy("KF indicators are owned by the municipality."),
            "aggregation": gettext_lazy(
                "How the outcomes of several units add up to their committee's."
            ),
        }
        widgets = {"name": forms.TextInput(), "source": forms.TextInput()}
        error_messages = {"name": {"required": gettext_lazy("Give the indicator a name.")}}

    def __init__(
        self, *args: Any, indicator: Indicator, owner_kinds: list[str], **kwargs: Any
    ) -> None:
        # The form builds its own instance, so `indicator` changes only through the service.
        kwargs.setdefault("initial", model_to_dict(indicator, fields=ENTRY_FIELDS))
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        owner_kind = self.fields["owner_kind"]
        assert isinstance(owner_kind, forms.ChoiceField)
        owner_kind.choices = [
            (kind, label) for kind, label in OrgUnit.Kind.choices if kind in owner_kinds
        ]
        self.add_revision_field(indicator)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the indicator a name."))
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name, periodicity = cleaned.get("name"), cleaned.get("periodicity")
        if name and periodicity:
            same = (
                Indicator.objects.filter(search_name=fold(name), periodicity=periodicity)
                .exclude(pk=self.indicator.pk)
                .first()
            )
            if same is not None:
                self.add_error(
                    "name",
                    _(
                        "The catalogue already has “%(name)s” with periodicity %(periodicity)s. "
                        "Give this indicator a name that tells them apart."
                    )
                    % {"name": same.name, "periodicity": same.get_periodicity_display().lower()},
                )
        return cleaned


def _check_read(request: HttpRequest) -> None:
    if not access.can_read_catalogue(request.user):
        raise PermissionDenied


def _editable_kinds(request: HttpRequest) -> list[str]:
    return [
        kind
        for kind in OrgUnit.Kind.values
        if access.can_edit_indicators_owned_at(request.user, kind)
    ]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The catalogue in Swedish order, a page at a time; `q` keeps the entries whose
    folded name holds every word typed."""
    _check_read(request)
    form = CatalogueSearchForm(request.GET if "q" in request.GET else None)
    query = form.query if form.is_bound else ""
    entries = Indicator.objects.all()
    for word in fold(query).split():
        entries = entries.filter(search_name__contains=word)
    page = Paginator(entries.order_by(swedish("name"), "pk"), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    context = {
        "form": form,
        "query": query,
        "page": page,
        "editable_kinds": _editable_kinds(request),
    }
    if is_htmx(request):
        return render(request, "indicators/catalogue.html#catalogue-results", context)
    return render(request, "indicators/catalogue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    _check_read(request)
    editable_kinds = _editable_kinds(request)
    if indicator.owner_kind not in editable_kinds:
        raise PermissionDenied(
            _("Only an administrator of the municipality edits KF indicators.")
            if indicator.owner_kind == OrgUnit.Kind.MUNICIPALITY
            else _("Only administrators edit the indicator catalogue.")
        )
    form = CatalogueEntryForm(request.POST or None, indicator=indicator, owner_kinds=editable_kinds)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ENTRY_FIELDS}
        try:
            update_catalogue_entry(indicator, base_revision=form.base_revision, **values)
        except EditConflict as refused:
            # The page shows the other change above the form, which keeps this user's input.
            discard_url = reverse("catalogue:edit", args=[indicator.pk])
            conflict = refuse_edit(refused, form, yours=values, discard_url=discard_url)
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": indicator.name})
            return redirect(f"{reverse('catalogue:index')}?{urlencode({'q': indicator.name})}")
    return render(
        request,
        "indicators/catalogue_form.html",
        {"form": form, "indicator": indicator, "conflict": conflict},
        status=409 if conflict else 422 if form.errors else 200,
    )
