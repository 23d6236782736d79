from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """A failed login: the brute-force guard counts them per account and per address.

    They live in the database, not in a worker's memory, so that the limits hold
    across every gunicorn worker. Rows older than a day are deleted as new ones come.
    """

    username = models.CharField(
        _("identifiant"),
        max_length=254,
        help_text=_("En minuscules, tel que saisi. Exemple : marie@example.org."),
    )
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("échec de connexion")
        verbose_name_plural = _("échecs de connexion")
        ordering = ["-created_at"]
        indexes = [
            # accounts.lockout.locked_until(): recent failures of an account.
            models.Index(fields=["username", "-created_at"], name="loginfailure_username"),
            # accounts.lockout.locked_until(): recent failures from an address.
            models.Index(fields=["ip", "-created_at"], name="loginfailure_ip"),
            # accounts.lockout.login_attempt(): deleting expired rows.
            models.Index(fields=["created_at"], name="loginfailure_created"),
        ]

    def __str__(self):
        return f"{self.username} ({self.ip})"
