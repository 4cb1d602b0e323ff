from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from styrkedja.org.models import OrgUnit

ALLOWED_SUFFIXES = (".txt", ".pdf", ".docx")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    documents = MultipleFileField(
        label=_("Plan documents"),
        help_text=_("Text (.txt), PDF (.pdf) or Word (.docx); several at once if you like."),
    )
    council = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=OrgUnit.objects.none(),
        help_text=_("The committee whose units the documents are plans of."),
    )

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        council_field = self.fields["council"]
        assert isinstance(council_field, forms.ModelChoiceField)
        council_field.queryset = councils
        only = list(councils[:2])
        if len(only) == 1:
            # Most administrators have one nämnd: choose it for them.
            council_field.initial = only[0].pk
            council_field.empty_label = None

    def clean_documents(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["documents"]
        limit = settings.STYRKEDJA_IMPORT_MAX_BYTES
        errors = []
        for upload in files:
            name = upload.name or ""
            if not name.lower().endswith(ALLOWED_SUFFIXES):
                errors.append(
                    _("%(file)s: only .txt, .pdf and .docx files can be imported.") % {"file": name}
                )
            elif (upload.size or 0) > limit:
                errors.append(
                    _("%(file)s is larger than %(limit)s MB.")
                    % {"file": name, "limit": limit // 1_000_000}
                )
        if errors:
            raise forms.ValidationError(errors)
        return files


class UnitNamesForm(forms.Form):
    """One field per file whose document does not name its unit."""

    def __init__(self, *args: Any, files: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for import_file in files:
            if import_file.needs_unit_name:
                self.fields[f"unit_{import_file.pk}"] = forms.CharField(
                    label=_("Unit name for %(file)s") % {"file": import_file.name},
                    max_length=200,
                    initial=import_file.unit_name,
                )
