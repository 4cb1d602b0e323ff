"""Forms of the outcome pages: one row of the table, and the upload of a filled-in file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from styrkedja.history.forms import FIELD as REVISION_FIELD
from styrkedja.indicators.models import Outcome
from styrkedja.reports.outcomes import (
    MEN,
    SEXES,
    TOTAL,
    WOMEN,
    OutcomeRow,
    RowEntry,
    RowValues,
    RowVersion,
    format_number,
    parse_number,
)
from styrkedja.reports.xlsx import MAX_UPLOAD_BYTES


def row_prefix(row: OutcomeRow) -> str:
    return f"indicator-{row.indicator.pk}"


class OutcomeRowForm(forms.Form):
    """One indicator's row: a value per sex it is reported by, a comment, and the row's
    version (`<prefix>-base_revision`), which the save checks and a conflict rebases."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data: QueryDict | None = None, *, row: OutcomeRow) -> None:
        values = row.values
        initial: dict[str, Any] = {sex: format_number(values.value(sex)) for sex in row.sexes} | {
            "comment": values.comment,
            REVISION_FIELD: str(row.version),
        }
        super().__init__(data, prefix=row_prefix(row), initial=initial)
        self.row = row
        for sex in row.sexes:
            self.fields[sex] = forms.CharField(
                label=capfirst(Outcome.Sex(sex).label), required=False, max_length=60
            )
        self.fields[REVISION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.order_fields([*row.sexes, "comment", REVISION_FIELD])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for sex in self.row.sexes:
            text = cleaned.get(sex)
            if text is None:
                continue
            try:
                cleaned[sex] = parse_number(text, unit=self.row.indicator.unit)
            except ValidationError as error:
                self.add_error(sex, error)
        version = cleaned.get(REVISION_FIELD) or ""
        try:
            cleaned[REVISION_FIELD] = RowVersion.parse(version) if version else None
        except ValueError:
            self.add_error(None, _("The page was out of date. Reload it and enter the row again."))
        return cleaned

    @property
    def was_sent(self) -> bool:
        """Whether the request holds the row: one added since the page was loaded is not
        in it, and must not be taken as emptied."""
        return self.is_bound and any(self.add_prefix(name) in self.data for name in self.fields)

    def entry(self) -> RowEntry:
        data = self.cleaned_data
        return RowEntry(
            indicator_id=self.row.indicator.pk,
            values=RowValues.of(
                total=data.get(TOTAL),
                women=data.get(WOMEN),
                men=data.get(MEN),
                comment=data.get("comment", ""),
            ),
            version=data.get(REVISION_FIELD),
        )

    def rebase(self, version: RowVersion) -> None:
        """Base the row on what is stored now, keeping the person's input: saving again
        knowingly replaces the other person's values."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix(REVISION_FIELD)] = str(version)
        self.data = data

    def value_fields(self) -> list[forms.BoundField | None]:
        """The bound field of each value column, None where the indicator is not by sex."""
        return [self[sex] if sex in self.fields else None for sex in SEXES]


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in Excel file"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The file downloaded from this page, as .xlsx, at most %(limit)s MB."
        ) % {"limit": MAX_UPLOAD_BYTES // 10**6}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise ValidationError(_("Choose an Excel file (.xlsx)."))
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 10**6}
            )
        return upload
