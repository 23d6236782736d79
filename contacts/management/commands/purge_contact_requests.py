from django.conf import settings
from django.core.management.base import BaseCommand

from contacts.services import contact_requests_purge


class Command(BaseCommand):
    help = (
        "Efface les demandes de contact reçues il y a plus de CONTACT_RETENTION_DAYS jours "
        "(365 par défaut), avec leurs courriels, les compteurs anti-abus périmés et les "
        "jetons de formulaire expirés. "
        "Sans effet si on la relance : à lancer chaque jour (cron, minuteur systemd)."
    )

    def handle(self, *args, **options):
        requests, counters, tokens = contact_requests_purge()
        self.stdout.write(
            f"{requests} demande(s) de contact de plus de {settings.CONTACT_RETENTION_DAYS} "
            f"jours effacée(s), {counters} compteur(s) périmé(s) et {tokens} jeton(s) de "
            "formulaire expiré(s) effacé(s)."
        )
