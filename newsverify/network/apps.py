from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "newsverify.network"
    verbose_name = "Relay network"
