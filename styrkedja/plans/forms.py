from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.core.forms import StyledModelForm
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.plans.models import PlanSection

HEADING_LEVELS = [(1, _("Main heading")), (2, _("Subheading")), (3, _("Sub-subheading"))]


class SectionForm(RevisionFormMixin, StyledModelForm):
    """A section's heading and text; editing one, the revision it was shown at."""

    class Meta:
        model = PlanSection
        fields = ["heading", "level", "placement", "body"]
        labels = {"body": _("Text")}
        help_texts = {
            "body": _(
                "Plain text. A blank line starts a new paragraph; lines starting with "
                "“- ” make a list; *emphasis*, **bold** and [links](https://…) work too."
            ),
        }
        widgets = {
            "level": forms.Select(choices=HEADING_LEVELS),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model allows a section without heading (imported text before any heading);
        # a section written here always has one.
        heading = self.fields["heading"]
        heading.required = True
        heading.error_messages["required"] = _("Give the section a heading.")
        self.add_revision_field(self.instance)

    def clean_heading(self) -> str:
        heading: str = self.cleaned_data["heading"].strip()
        if not heading:
            raise forms.ValidationError(_("Give the section a heading."))
        return heading
