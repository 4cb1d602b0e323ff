"""Forms for editing goals and their expected results."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.core.forms import AccessibleFormMixin, StyledModelForm
from styrkedja.goals import levels
from styrkedja.goals.models import ExpectedResult, Goal, GoalLevel, GoalQuerySet
from styrkedja.goals.services import TEXT_FIELDS
from styrkedja.history.forms import RevisionFormMixin

# The text fields a plan prints for goals at each level; other levels print a description.
LEVEL_TEXT_FIELDS = {
    levels.UNIT: ("ways_of_working", "resource_use", "follow_up", "development"),
}
DEFAULT_TEXT_FIELDS = ("description",)


def text_fields_for(level: GoalLevel, goal: Goal | None = None) -> list[str]:
    """The level's text fields, and any other one the goal already has text in.

    An imported goal may carry a text its level does not usually print; hiding it
    would make it impossible to correct or empty.
    """
    wanted = set(LEVEL_TEXT_FIELDS.get(level.code, DEFAULT_TEXT_FIELDS))
    if goal is not None:
        wanted |= {name for name in TEXT_FIELDS if getattr(goal, name).strip()}
    return [name for name in TEXT_FIELDS if name in wanted]


class GoalForm(RevisionFormMixin, AccessibleFormMixin, forms.ModelForm):
    """A goal's title, number (at numbered levels) and the text fields of its level.

    Not a StyledModelForm: that one styles its fields, and so validates a bound form,
    inside __init__, before this form has chosen its fields; a field removed after
    validation would still be written (emptied) to the goal.
    """

    class Meta:
        model = Goal
        fields = ["number", "title", *TEXT_FIELDS]
        labels = {
            "number": _("Number"),
            "title": _("Goal"),
            "description": _("Description"),
            "ways_of_working": _("Ways of working"),
            "resource_use": _("Resource use"),
            "follow_up": _("Follow-up"),
            "development": _("Development"),
        }
        error_messages = {"title": {"required": _("Give the goal a title.")}}
        help_texts = {
            "number": _("As the plan prints it, such as 1.3.3. Leave empty if it has none."),
        }
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in TEXT_FIELDS},
        }

    def __init__(self, *args: Any, level: GoalLevel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        shown = {"title", *text_fields_for(level, instance)}
        if level.numbered or (instance is not None and instance.number):
            shown.add("number")
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
        self.add_revision_field(self.instance)
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the goal a title."))
        return title

    def clean_number(self) -> str:
        number: str = self.cleaned_data["number"].strip()
        return number


class GoalMoveForm(AccessibleFormMixin, forms.Form):
    """Choose the goal one level up that a goal contributes to.

    Styled (and so validated) only once its choices are set, unlike a StyledForm.
    """

    parent = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        label=_("Contributes to"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Choose one of the goals listed: a goal contributes to a goal one level up, "
                "of the same year and organisation, that you can see."
            ),
            "required": _("Choose the goal it contributes to."),
        },
    )

    def __init__(self, *args: Any, choices: GoalQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = choices
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()


class ExpectedResultForm(RevisionFormMixin, StyledModelForm):
    class Meta:
        model = ExpectedResult
        fields = ["text"]
        labels = {"text": _("Expected result")}
        error_messages = {"text": {"required": _("Write the expected result.")}}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_revision_field(self.instance)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the expected result."))
        return text
