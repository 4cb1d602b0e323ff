from django.contrib import admin

from styrkedja.goals.models import Agenda2030Tag, ExpectedResult, Goal, GoalLevel


@admin.register(GoalLevel)
class GoalLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "depth", "owner_kind", "numbered", "code"]


class ExpectedResultInline(admin.TabularInline):
    model = ExpectedResult
    extra = 0


class Agenda2030TagInline(admin.TabularInline):
    model = Agenda2030Tag
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "level", "owner", "year"]
    list_filter = ["year", "level"]
    search_fields = ["title", "number", "owner__name"]
    autocomplete_fields = ["owner", "parent", "previous_year_goal"]
    list_select_related = ["level", "owner", "year"]
    inlines = [ExpectedResultInline, Agenda2030TagInline]
