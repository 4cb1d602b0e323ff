"""Forms that render accessibly with Designsystemet: labelled, described and marked invalid."""

from __future__ import annotations

from typing import Any

from django import forms


class AccessibleFormMixin:
    """Give every widget the design system's class and tie its help and errors to it."""

    fields: dict[str, forms.Field]

    def style_fields(self, errors: Any = None) -> None:
        """Style the widgets; `errors` marks the invalid ones (after validation only).

        Reading self.errors here would validate the form while it is being built,
        before subclasses have added their fields.
        """
        errors = errors or {}
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", "ds-input")
            described_by = [f"id_{name}_help"] if field.help_text else []
            if errors.get(name):
                described_by.append(f"id_{name}_error")
                widget.attrs["aria-invalid"] = "true"
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)


class StyledForm(AccessibleFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields(self.errors)  # validated just above, so this reads, not re-runs


class StyledModelForm(AccessibleFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields(self.errors)  # validated just above, so this reads, not re-runs
