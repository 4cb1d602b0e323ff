from django.contrib import admin

from styrkedja.indicators.models import GoalIndicator, Indicator, Outcome, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "periodicity", "by_sex", "direction", "owner_kind"]
    list_filter = ["periodicity", "owner_kind", "by_sex"]
    search_fields = ["name", "source"]


@admin.register(GoalIndicator)
class GoalIndicatorAdmin(admin.ModelAdmin):
    list_display = ["goal", "indicator", "position"]
    autocomplete_fields = ["goal", "indicator"]
    list_select_related = ["goal", "indicator"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "org_unit", "year", "version", "kind", "original_text"]
    list_filter = ["year", "kind"]
    search_fields = ["indicator__name", "org_unit__name", "original_text"]
    autocomplete_fields = ["indicator", "org_unit"]
    list_select_related = ["indicator", "org_unit", "year"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["indicator", "org_unit", "period", "sex", "value"]
    list_filter = ["period__year", "period__kind", "sex"]
    search_fields = ["indicator__name", "org_unit__name"]
    autocomplete_fields = ["indicator", "org_unit", "entered_by"]
    list_select_related = ["indicator", "org_unit", "period__year"]
