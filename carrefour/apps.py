from django.apps import AppConfig
from django.core.signals import request_started

from carrefour import versions


class CarrefourConfig(AppConfig):
    name = "carrefour"
    verbose_name = "Carrefour"

    def ready(self):
        # Each request reads the shared version tokens afresh (once).
        request_started.connect(versions.forget, dispatch_uid="carrefour-versions")
