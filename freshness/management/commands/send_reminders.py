from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from freshness.services import reminders_send


class Command(BaseCommand):
    help = (
        "Envoie les e-mails « Toujours d’actualité ? » dus, signale « à vérifier » puis "
        "archive les fiches restées sans réponse. Sans effet si on le relance le même jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Liste ce qui serait fait, sans rien écrire ni envoyer.",
        )

    def handle(self, *args, dry_run=False, **options):
        moves = reminders_send(dry_run=dry_run)
        for move in moves:
            self.stdout.write(move.describe())
        if dry_run:
            summary = _("%(count)s fiche(s) concernée(s) ; rien n’a été fait (--dry-run).")
        else:
            summary = _("%(count)s fiche(s) traitée(s).")
        self.stdout.write(summary % {"count": len(moves)})
