"""What to show a user whose save was refused because someone else saved first.

The refused form is prepared for a second save that loses nobody's work: fields only the
other person changed take their new value, fields the user changed keep the user's text,
and the form is based on the revision now stored. Values are compared as people read them
("60" and "60.0000" are one number; a choice by its label), not as they happen to be typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.http import QueryDict

from styrkedja.history.diff import Piece, word_diff
from styrkedja.history.display import plain_number, shown
from styrkedja.history.forms import RevisionFormMixin
from styrkedja.history.models import Change
from styrkedja.history.recording import field_value, stored_value
from styrkedja.history.writes import EditConflict


@dataclass(frozen=True)
class ConflictField:
    """A field the other person changed, and what the user did with it."""

    label: str
    theirs: str
    yours: str
    you_changed_it: bool
    # Their change of this field: from the text the user started with to the text now.
    their_change: list[Piece]


@dataclass(frozen=True)
class ConflictReport:
    changes: list[Change]
    fields: list[ConflictField]
    discard_url: str

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(change.who for change in self.changes))

    @property
    def last_at(self) -> Any:
        return self.changes[-1].at if self.changes else None


def _posted(field: models.Field[Any, Any], value: Any) -> str:
    """A stored value as a form's input sends it back."""
    if value is None:
        return ""
    if isinstance(field, models.DecimalField):
        return plain_number(value)
    return str(value)


def refuse_edit(
    conflict: EditConflict,
    form: Any,
    *,
    discard_url: str,
    yours: Mapping[str, Any] | None = None,
) -> ConflictReport:
    """Compare the stored object with the refused input, and prepare the form to save again.

    `yours` holds the model fields the edit would have written, by name, as they would be
    stored (by default the form's `edited_values()`); the form has fields of the same names.
    Fields only the other person changed take their value in the form; those the user
    changed keep the user's.
    """
    assert isinstance(form, RevisionFormMixin) and isinstance(form, forms.BaseForm)
    if yours is None:
        yours = form.edited_values()
    changes = conflict.changes
    started_with: dict[str, Any] = {}
    for change in changes:
        for name, (old, _new) in change.fields.items():
            started_with.setdefault(name, old)
    current = conflict.current
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    fields = []
    for name, value in yours.items():
        if name not in started_with:
            continue  # They did not touch it.
        model_field = current._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        before = shown(model_field, started_with[name])
        theirs = shown(model_field, field_value(current, model_field))
        if theirs == before:
            continue  # Changed and changed back.
        mine = shown(model_field, stored_value(value))
        you_changed_it = mine != before
        if not you_changed_it:
            # Only they changed it: the form takes their value, so saving again keeps it.
            _put_back(data, form.add_prefix(name), model_field, current)
        fields.append(
            ConflictField(
                label=str(form.fields[name].label or name),
                theirs=theirs,
                yours=mine,
                you_changed_it=you_changed_it,
                their_change=word_diff(before, theirs),
            )
        )
    form.data = data
    form.rebase(current.revision)
    return ConflictReport(changes=changes, fields=fields, discard_url=discard_url)


def _put_back(data: Any, key: str, model_field: models.Field[Any, Any], current: Any) -> None:
    stored = model_field.value_from_object(current)
    if isinstance(model_field, models.BooleanField):
        if stored:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    if model_field.is_relation:
        data[key] = "" if stored is None else str(stored)  # the related row's key
        return
    data[key] = _posted(model_field, stored)
