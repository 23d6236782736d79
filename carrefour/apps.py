from django.apps import AppConfig


class CarrefourConfig(AppConfig):
    name = "carrefour"
    verbose_name = "Carrefour"
