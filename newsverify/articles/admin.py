from django.contrib import admin

from newsverify.articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "publisher"]
    readonly_fields = ["text", "content_hash", "status", "failure_reason", "engine_version", "engine_model"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # An article comes in through article_submit (upload, API, load_seeds): it checks the text,
        # hashes it against duplicates and queues the analysis. The admin's bare form can do none of
        # that (its text is read-only here), so it has no "Add article".
        return False
