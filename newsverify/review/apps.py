from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "newsverify.review"
    verbose_name = "Claims and review"
