from django.contrib import admin

from newsverify.review.models import ReviewEvent

# The registry's admin (Source, its aliases, merges) is in sources/admin.py: a merge is previewed,
# confirmed and split back in the app, where the checks run; the admin only leads there.


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
