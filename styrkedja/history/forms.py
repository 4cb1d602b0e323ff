"""The revision an edit starts from, carried by the form as a hidden field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict

from styrkedja.history.models import Versioned

FIELD = "base_revision"


class RevisionFormMixin:
    """For forms that edit a Versioned object: remembers the revision shown to the user.

    Call `add_revision_field(instance)` in __init__. After an EditConflict, `rebase()`
    keeps the user's input but bases it on the revision now stored, so that saving again
    knowingly replaces the other person's change.
    """

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool
    cleaned_data: dict[str, Any]

    def add_revision_field(self, instance: Versioned) -> None:
        """Carry the instance's revision (nothing for an object not yet saved)."""
        if instance.pk is None:
            return
        # Not required: a request without it (a script, a page from before this field)
        # saves as before, unchecked; every form of ours sends it.
        self.fields[FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=1, required=False, initial=instance.revision
        )

    def edited_values(self) -> dict[str, Any]:
        """The model fields this form shows, as cleaned: what an update should write."""
        names = self._meta.fields  # type: ignore[attr-defined]  # a ModelForm's
        return {name: self.cleaned_data[name] for name in names if name in self.fields}

    @property
    def base_revision(self) -> int | None:
        revision: int | None = self.cleaned_data.get(FIELD)
        return revision

    def rebase(self, revision: int) -> None:
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix(FIELD)] = str(revision)  # type: ignore[attr-defined]
        self.data = data


def posted_revision(request: HttpRequest) -> int | None:
    """The revision a confirmation page (delete, remove) sent; None from a page without it."""
    value = request.POST.get(FIELD, "")
    return int(value) if value.isdigit() else None
