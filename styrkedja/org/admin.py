from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from styrkedja.org.models import Membership, OrgUnit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["org_unit"]


@admin.register(User)
class StyrkedjaUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
    ordering = ["path"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "org_unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "org_unit__name"]
    autocomplete_fields = ["user", "org_unit"]
