from django.apps import AppConfig


class AccuracyConfig(AppConfig):
    name = "newsverify.accuracy"
    verbose_name = "The engine's accuracy against the reviewers"
