from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from carrefour.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les images envoyées dans une archive datée "
        "(BACKUP_DIR, var/backups par défaut) et ne garde que les BACKUP_KEEP plus récentes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", default=settings.BACKUP_DIR, help="Dossier des archives."
        )
        parser.add_argument(
            "--keep", type=int, default=settings.BACKUP_KEEP, help="Archives gardées (au moins 1)."
        )

    def handle(self, *args, directory, keep, **options):
        if keep < 1:
            raise CommandError("--keep (BACKUP_KEEP) doit valoir au moins 1.")
        try:
            archive, pruned = create_backup(directory, keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = archive.stat().st_size / 1_000_000
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite : {archive} ({size:.1f} Mo)."))
        for old in pruned:
            self.stdout.write(f"Ancienne sauvegarde supprimée : {old.name}")
