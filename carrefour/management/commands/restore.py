from django.core.management.base import BaseCommand, CommandError

from carrefour.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une archive de manage.py backup dans la base de données, qui doit être "
        "vide, et ses images dans MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="Exemple : var/backups/carrefour-2025-01-31T030000Z.tar"
        )
        parser.add_argument(
            "--database-name",
            help="Restaurer dans cette base du même serveur plutôt que dans celle de DATABASE_URL.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Effacer le contenu de la base avant de restaurer (dans la même transaction).",
        )

    def handle(self, *args, archive, database_name, replace, **options):
        try:
            restore_backup(archive, database_name=database_name, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde restaurée : {archive}."))
