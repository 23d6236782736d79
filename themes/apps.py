from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Thématiques et publics")

    def ready(self):
        from themes.catalogue import forget_catalogue

        for model in (self.get_model("Theme"), self.get_model("Public")):
            post_save.connect(forget_catalogue, sender=model, dispatch_uid=f"catalogue-{model}")
            post_delete.connect(forget_catalogue, sender=model, dispatch_uid=f"catalogue-{model}-d")
