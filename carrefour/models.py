from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimit(models.Model):
    """How many times a client, an account or a recipient did something in a
    time window: contact requests, sign-ups, password resets, drafts.

    Incremented with one INSERT … ON CONFLICT statement so that every web
    worker sees the same count (carrefour/ratelimits.py). Keys are keyed
    hashes: no address is stored.
    """

    key = models.CharField(_("clé"), max_length=64)
    window_start = models.DateTimeField(_("début de la période"))
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        # Created by the contacts app, its first user; the table keeps its name
        # so that moving the model lost no counter.
        db_table = "contacts_ratelimit"
        verbose_name = _("compteur anti-abus")
        verbose_name_plural = _("compteurs anti-abus")
        constraints = [
            # carrefour.ratelimits.hit(): the ON CONFLICT target.
            models.UniqueConstraint(fields=["key", "window_start"], name="ratelimit_unique_window"),
        ]
        indexes = [
            # carrefour.ratelimits.forget_before(): deleting past windows.
            models.Index(fields=["window_start"], name="ratelimit_window"),
        ]

    def __str__(self):
        return f"{self.key[:8]}… {self.window_start:%Y-%m-%d %H:%M} : {self.count}"
