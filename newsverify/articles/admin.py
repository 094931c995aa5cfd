from django.contrib import admin

from newsverify.articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "publisher"]
    readonly_fields = ["text", "content_hash", "status", "failure_reason", "engine_version", "engine_model"]
