"""Admin for the delegation setting only.

The log of transitions and the frozen versions have no admin: nobody adds, changes or deletes
them by hand (the workflow log page shows them).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from styrkedja.workflow.models import DelegationSetting


@admin.register(DelegationSetting)
class DelegationSettingAdmin(admin.ModelAdmin):
    list_display = ["council", "adopting_role", "changed_by", "changed_at"]
    list_select_related = ["council", "changed_by"]
    fields = ["council", "adopting_role", "changed_by", "changed_at"]
    readonly_fields = ["changed_by", "changed_at"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Who changed the delegation, as the nämnd's own page records it.
        obj.changed_by = request.user
        obj.changed_at = timezone.now()
        super().save_model(request, obj, form, change)
