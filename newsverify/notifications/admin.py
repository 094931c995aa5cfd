from django.contrib import admin

from newsverify.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "subject", "actor", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient", "actor"]
    search_fields = ["recipient__username", "subject"]
    readonly_fields = ["recipient", "actor", "kind", "subject", "body", "url", "created_at"]
