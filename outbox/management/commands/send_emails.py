import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from outbox.services import email_send_due

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Envoie les courriels en attente et réessaie ceux qui ont échoué "
        "(délais croissants). À lancer en continu avec --loop (service), "
        "ou régulièrement (cron, minuteur systemd)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDES",
            help="Recommencer toutes les N secondes, jusqu’à SIGTERM ou Ctrl-C.",
        )

    def handle(self, *args, loop=None, **options):
        if not loop:
            self.send_due()
            return
        stop = threading.Event()
        self.stop_on_signals(stop)
        self.stdout.write(f"Envoi des courriels en attente toutes les {loop} s.")
        self.stdout.flush()
        while not stop.is_set():
            # A database that went away (restart, failover) must not end the
            # worker: the pass is tried again with a fresh connection.
            close_old_connections()
            try:
                self.send_due(stopping=stop.is_set, quiet=True)
            except DatabaseError as error:
                log.warning("Email worker: database unavailable (%s)", type(error).__name__)
            stop.wait(loop)
        self.stdout.write("Envoi des courriels arrêté.")

    def send_due(self, stopping=lambda: False, quiet=False):
        sent, failed = email_send_due(stopping=stopping)
        if sent or failed or not quiet:
            self.stdout.write(f"{sent} courriel(s) envoyé(s), {failed} en échec.")
            self.stdout.flush()

    def stop_on_signals(self, stop):
        """Finish the email in hand, then end (exit status 0).

        A second Ctrl-C interrupts at once: the email in hand stays pending, its
        row lock released with its transaction, and is sent on the next start.
        """

        def request_stop(signum, frame):
            stop.set()
            signal.signal(signal.SIGINT, signal.default_int_handler)

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
