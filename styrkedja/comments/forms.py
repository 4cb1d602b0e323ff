from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.comments.targets import PlanTargets, Target
from styrkedja.core.forms import StyledForm

MAX_LENGTH = 5000


def _required_text(label: Any, message: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message},
    )


class CommentForm(StyledForm):
    target = forms.ChoiceField(
        label=_("What you comment on"),
        error_messages={
            "required": _("Choose what in the plan you comment on."),
            "invalid_choice": _("Choose something the plan shows."),
        },
    )
    text = _required_text(_("Comment"), _("Write your comment."))

    def __init__(self, *args: Any, targets: PlanTargets, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose…")), *targets.choices()]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your comment."))
        return text

    def chosen_target(self) -> Target:
        target = self.targets.by_key(self.cleaned_data["target"])
        assert target is not None  # the choices are the targets
        return target


class ReplyForm(StyledForm):
    text = _required_text(_("Your answer"), _("Write your answer."))

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your answer."))
        return text
