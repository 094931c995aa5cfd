from django.contrib import admin, messages

from newsverify.review.models import ReviewEvent
from newsverify.review.source_merge import MergeRefused, source_merge
from newsverify.sources.models import Source, SourceAlias


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """Read-only: the review record is append-only."""

    list_display = ["created_at", "actor", "action", "subject", "status_before", "status_after", "claim_text"]
    list_filter = ["action", "status_after"]
    search_fields = ["claim_text", "subject", "note"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 0


@admin.action(description="Merge the selected sources into the oldest of them")
def merge_sources(modeladmin, request, queryset):  # type: ignore[no-untyped-def]
    sources = list(queryset.order_by("pk"))
    if len(sources) < 2:
        modeladmin.message_user(request, "Select at least two sources to merge.", messages.WARNING)
        return
    into = sources[0]
    try:
        for other in sources[1:]:
            source_merge(into=into, other=other, by=request.user)
    except MergeRefused as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return
    modeladmin.message_user(request, f"Merged {len(sources) - 1} source(s) into {into.name} (#{into.pk}).")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "created_at"]
    list_filter = ["type"]
    search_fields = ["name", "aliases__name"]
    inlines = [SourceAliasInline]
    actions = [merge_sources]
