from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "newsverify.stories"
    verbose_name = "Stories across articles"

    def ready(self) -> None:
        from newsverify.stories import signals  # noqa: F401  (connects the receivers)
