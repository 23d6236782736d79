from django.core.management.base import BaseCommand

from alerts.digests import digests_send_due
from alerts.services import alerts_forget_unconfirmed


class Command(BaseCommand):
    help = (
        "Met dans la file des courriels les alertes dues (les nouvelles initiatives de "
        "chaque recherche suivie, rien si rien n’est nouveau) et supprime les alertes "
        "jamais confirmées dont le lien a expiré. À lancer régulièrement (cron, une fois "
        "par jour ou par heure) : une alerte n’est jamais envoyée deux fois."
    )

    def handle(self, *args, **options):
        forgotten = alerts_forget_unconfirmed()
        run = digests_send_due()
        self.stdout.write(
            f"{run.sent} alerte(s) envoyée(s), {run.empty} sans nouveauté, "
            f"{run.unreadable} dont la recherche n’est plus valide ; "
            f"{forgotten} demande(s) non confirmée(s) supprimée(s)."
        )
