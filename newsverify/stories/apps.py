from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "newsverify.stories"
    verbose_name = "Stories across articles"
