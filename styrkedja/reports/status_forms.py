"""The form of one activity's row on the status page; the page holds one per activity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styrkedja.activities.models import Activity
from styrkedja.core.forms import StyledForm
from styrkedja.history.forms import FIELD as REVISION_FIELD
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.reports.models import ActivityStatus


def row_prefix(activity: Activity) -> str:
    return f"activity-{activity.pk}"


class PrefixedStyledForm(StyledForm):
    """StyledForm with error ids that stay unique when a page holds many forms of one kind
    (the shared mixin names them by field name alone, without the form's prefix)."""

    def style_fields(self, errors: Any = None) -> None:
        errors = errors or {}
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            field.widget.attrs.setdefault("class", "ds-input")
            bound = self[name]
            described_by = [f"{bound.auto_id}_help"] if field.help_text else []
            if errors.get(name):
                described_by.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)


class StatusRowForm(RevisionFormMixin, PrefixedStyledForm):
    """An activity's status and comment, based on the revision of the status shown.

    A row without a status is not saved; a saved status can be changed but not emptied.
    """

    status = forms.ChoiceField(label=_("Status"), required=False)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, activity: Activity, stored: ActivityStatus | None, **kwargs: Any
    ) -> None:
        if stored is not None:
            kwargs.setdefault("initial", {"status": stored.status, "comment": stored.comment})
        super().__init__(*args, prefix=row_prefix(activity), **kwargs)
        self.activity = activity
        self.stored = stored
        choices = list(ActivityStatus.Status.choices)
        if stored is None:
            choices.insert(0, ("", _("No status yet")))
        else:
            self.fields["status"].required = True
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = choices
        # The revision shown; 0 says there was no status yet, so that a status someone else
        # saves meanwhile is not overwritten unseen either.
        self.fields[REVISION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            required=False,
            initial=stored.revision if stored is not None else 0,
        )
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("status") and cleaned.get("comment", "").strip():
            self.add_error("status", _("Choose a status to save the comment with."))
        return cleaned

    @property
    def to_save(self) -> bool:
        """Whether the row has something to write (a status)."""
        return bool(self.cleaned_data.get("status"))

    def edited_values(self) -> dict[str, Any]:
        return {"status": self.cleaned_data["status"], "comment": self.cleaned_data["comment"]}
