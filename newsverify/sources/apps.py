from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "newsverify.sources"
    verbose_name = "Source registry"
