from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse

from newsverify.sources.models import Source, SourceAlias, SourceMerge


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 0


@admin.action(description="Preview merging the newer of two selected sources into the older")
def merge_sources(modeladmin, request, queryset):  # type: ignore[no-untyped-def]
    """A merge is previewed and confirmed in the app (what moves, undo); this leads there."""
    sources = list(queryset.order_by("pk"))
    if len(sources) != 2:
        modeladmin.message_user(request, "Select exactly two sources to merge.", messages.WARNING)
        return None
    into, other = sources
    return redirect(f"{reverse('source_merge', args=[into.pk])}?other={other.pk}")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "merged_into", "created_at"]
    list_filter = ["type", ("merged_into", admin.EmptyFieldListFilter)]
    search_fields = ["name", "aliases__name"]
    readonly_fields = ["merged_into"]
    inlines = [SourceAliasInline]
    actions = [merge_sources]


@admin.register(SourceMerge)
class SourceMergeAdmin(admin.ModelAdmin):
    """Merges are made and split back in the app, where the checks run; here they are only read."""

    list_display = ["merged", "survivor", "merged_by", "merged_at", "undone_at"]
    list_select_related = ["merged", "survivor", "merged_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
