from django.contrib import admin

from styrkedja.periods.models import Deadline, ReportPeriod, Year


class ReportPeriodInline(admin.TabularInline):
    model = ReportPeriod
    extra = 0


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(Year)
class YearAdmin(admin.ModelAdmin):
    list_display = ["number"]
    inlines = [ReportPeriodInline]


@admin.register(ReportPeriod)
class ReportPeriodAdmin(admin.ModelAdmin):
    list_display = ["year", "kind", "starts_on", "ends_on"]
    list_filter = ["year", "kind"]
    inlines = [DeadlineInline]
