from django.contrib import admin

from styrkedja.comments.models import Comment, Reply


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["target_text", "plan", "author", "created_at", "resolved_at"]
    list_filter = ["target_kind"]
    search_fields = ["text", "target_text"]
    list_select_related = ["plan__org_unit", "plan__year", "author"]
    raw_id_fields = ["plan", "goal", "expected_result", "section", "author", "resolved_by"]
    inlines = [ReplyInline]
