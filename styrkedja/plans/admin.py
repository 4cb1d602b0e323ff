from django.contrib import admin

from styrkedja.plans.models import (
    Attachment,
    Plan,
    PlanActivity,
    PlanExpectedResult,
    PlanGoal,
    PlanIndicator,
    PlanSection,
)


class PlanSectionInline(admin.StackedInline):
    model = PlanSection
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class PlanGoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 0
    autocomplete_fields = ["goal"]
    fields = ["goal"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["org_unit", "year", "kind", "status", "case_number", "decided_on"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["org_unit__name", "case_number"]
    autocomplete_fields = ["org_unit"]
    list_select_related = ["org_unit", "year"]
    inlines = [PlanSectionInline, AttachmentInline, PlanGoalInline]


class PlanExpectedResultInline(admin.TabularInline):
    model = PlanExpectedResult
    extra = 0
    raw_id_fields = ["expected_result"]


class PlanActivityInline(admin.TabularInline):
    model = PlanActivity
    extra = 0
    raw_id_fields = ["activity"]


class PlanIndicatorInline(admin.TabularInline):
    model = PlanIndicator
    extra = 0
    autocomplete_fields = ["indicator"]


@admin.register(PlanGoal)
class PlanGoalAdmin(admin.ModelAdmin):
    list_display = ["plan", "goal"]
    autocomplete_fields = ["plan", "goal"]
    list_select_related = ["plan__org_unit", "plan__year", "goal"]
    inlines = [PlanExpectedResultInline, PlanActivityInline, PlanIndicatorInline]
