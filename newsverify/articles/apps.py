from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "newsverify.articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        # Load the Celery app so that tasks enqueued from the web process use our configuration
        # (newsverify/__init__.py stays empty so the engine imports without Django).
        import newsverify.celery  # noqa: F401
        from newsverify.db import connect_signals

        connect_signals()
