from django.core.management.base import BaseCommand

from submissions.uploads import uploads_purge


class Command(BaseCommand):
    help = (
        "Efface les images envoyées avec un formulaire de proposition abandonné : celles "
        "qu’aucune fiche ni modification en attente n’utilise, depuis plus d’un jour. "
        "Sans effet si on la relance : à lancer chaque jour (cron, minuteur systemd)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{uploads_purge()} image(s) inutilisée(s) effacée(s).")
