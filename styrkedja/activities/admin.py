from django.contrib import admin

from styrkedja.activities.models import Activity, ActivityAssignment


class ActivityAssignmentInline(admin.TabularInline):
    model = ActivityAssignment
    extra = 0
    autocomplete_fields = ["org_unit"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["text", "goal", "starts_on", "ends_on"]
    search_fields = ["text", "goal__title"]
    autocomplete_fields = ["goal"]
    list_select_related = ["goal"]
    inlines = [ActivityAssignmentInline]
