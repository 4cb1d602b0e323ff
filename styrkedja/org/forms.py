"""Forms of a nämnd's administration pages: its units, memberships and deadlines."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.core.forms import StyledForm, StyledModelForm
from styrkedja.org.models import Membership, OrgUnit, Role, User
from styrkedja.org.tree import build_tree

# The kinds a nämnd's administratör creates below it.
NEW_UNIT_KINDS = [
    (OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.DEPARTMENT.label),
    (OrgUnit.Kind.UNIT, OrgUnit.Kind.UNIT.label),
]
# Deadlines a nämnd's administratör sets, from the first due to the last.
DEADLINE_KINDS = (OrgUnit.Kind.UNIT, OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.COUNCIL)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        # The browser's date picker sends and expects ISO dates whatever the language.
        super().__init__(attrs, format="%Y-%m-%d")


def tree_choices(council: OrgUnit, *, leave_out: OrgUnit | None = None) -> list[tuple[int, str]]:
    """The nämnd and its units in tree order, each indented under its parent.

    `leave_out` drops a unit and everything below it (a unit cannot move below itself).
    """
    units = OrgUnit.objects.descendants_of(council).in_swedish_order()
    if leave_out is not None:
        units = units.exclude(path__startswith=leave_out.path)
    choices = []
    for root in build_tree(units):
        for node in root.walk():
            indent = "\u2003" * (node.unit.depth - council.depth)
            label = f"{indent}{node.unit.name} ({node.unit.get_kind_display()})"
            choices.append((node.unit.pk, label))
    return choices


def _limit_to_tree(
    field: forms.Field, council: OrgUnit, *, leave_out: OrgUnit | None = None
) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    queryset = OrgUnit.objects.descendants_of(council)
    if leave_out is not None:
        queryset = queryset.exclude(path__startswith=leave_out.path)
    field.queryset = queryset
    field.choices = [("", "---------"), *tree_choices(council, leave_out=leave_out)]


class OrgUnitForm(StyledModelForm):
    """A unit below the nämnd: its name, place and validity (its kind is fixed once made)."""

    class Meta:
        model = OrgUnit
        fields = ["name", "parent", "valid_from", "valid_to"]
        labels = {"parent": _("Placed below")}
        help_texts = {
            "valid_from": _("Leave empty if the unit has always existed."),
            "valid_to": _("Set when the unit is closed or merged; leave empty while it exists."),
        }
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}
        error_messages = {
            "name": {"required": _("Give the unit a name.")},
            "parent": {"required": _("Choose where the unit is placed.")},
        }

    def __init__(self, *args: Any, council: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].required = True
        leave_out = self.instance if self.instance.pk else None
        _limit_to_tree(self.fields["parent"], council, leave_out=leave_out)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the unit a name."))
        return name


class NewOrgUnitForm(OrgUnitForm):
    class Meta(OrgUnitForm.Meta):
        fields = ["name", "kind", "parent", "valid_from", "valid_to"]

    def __init__(self, *args: Any, council: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = NEW_UNIT_KINDS
        self.style_fields()


class UserSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Find a user"),
        required=False,
        max_length=150,
        help_text=_("Part of the user name or the name."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    @property
    def query(self) -> str:
        if not self.is_valid():
            return ""
        return " ".join(self.cleaned_data["q"].split())


class MembershipForm(StyledForm):
    """Give an existing user a role on the nämnd or one of its units."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("The user's login name. Search above if you do not know it."),
        error_messages={"required": _("Enter the user name.")},
    )
    org_unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.none(),
        help_text=_("The role holds on this unit and every unit below it."),
        error_messages={"required": _("Choose a unit.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, council: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_to_tree(self.fields["org_unit"], council)
        self.style_fields()

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no active user with the user name “%(username)s”."),
                params={"username": username},
            )
        return user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, unit = cleaned.get("username"), cleaned.get("org_unit")
        if (
            user is not None
            and unit is not None
            and Membership.objects.filter(user=user, org_unit=unit).exists()
        ):
            self.add_error(
                "org_unit",
                _("%(user)s already has a role on %(unit)s. Change that role instead.")
                % {"user": user, "unit": unit},
            )
        return cleaned


class MembershipRoleForm(StyledForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class DeadlinesForm(StyledForm):
    """The due dates of one report period for the levels of a nämnd.

    Units report before their nämnd compiles, so no level below may be due after it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            OrgUnit.Kind.UNIT: _("Units"),
            OrgUnit.Kind.DEPARTMENT: _("Departments"),
            OrgUnit.Kind.COUNCIL: _("Committees"),
        }
        for kind in DEADLINE_KINDS:
            self.fields[kind] = forms.DateField(
                label=labels[kind],
                required=kind != OrgUnit.Kind.DEPARTMENT,
                widget=DateInput(),
                help_text=(
                    _("Leave empty if departments have no deadline of their own.")
                    if kind == OrgUnit.Kind.DEPARTMENT
                    else ""
                ),
                error_messages={"required": _("Enter the date.")},
            )
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        council_due: datetime.date | None = cleaned.get(OrgUnit.Kind.COUNCIL)
        department_due: datetime.date | None = cleaned.get(OrgUnit.Kind.DEPARTMENT)
        unit_due: datetime.date | None = cleaned.get(OrgUnit.Kind.UNIT)
        if council_due is not None:
            for kind, due in (
                (OrgUnit.Kind.UNIT, unit_due),
                (OrgUnit.Kind.DEPARTMENT, department_due),
            ):
                if due is not None and due > council_due:
                    self.add_error(
                        kind,
                        _(
                            "This cannot be after the committees' deadline (%(date)s): "
                            "units report before their committee."
                        )
                        % {"date": council_due.isoformat()},
                    )
        if (
            unit_due is not None
            and department_due is not None
            and unit_due > department_due
            and OrgUnit.Kind.UNIT not in self.errors
        ):
            self.add_error(
                OrgUnit.Kind.UNIT,
                _("This cannot be after the departments' deadline (%(date)s).")
                % {"date": department_due.isoformat()},
            )
        return cleaned
