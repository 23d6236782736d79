import time

from django.core.management.base import BaseCommand

from outbox.services import email_send_due


class Command(BaseCommand):
    help = (
        "Envoie les courriels en attente et réessaie ceux qui ont échoué "
        "(délais croissants). À lancer régulièrement (cron, minuteur systemd) "
        "ou en continu avec --loop."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDES",
            help="Recommencer toutes les N secondes, sans fin.",
        )

    def handle(self, *args, loop=None, **options):
        while True:
            sent, failed = email_send_due()
            if sent or failed or not loop:
                self.stdout.write(f"{sent} courriel(s) envoyé(s), {failed} en échec.")
            if not loop:
                return
            time.sleep(loop)
