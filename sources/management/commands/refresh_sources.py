"""manage.py refresh_sources: the cron job importing every source that is due."""

from django.core.management.base import BaseCommand, CommandError

from sources.importer import ImportFailed, import_run, source_export
from sources.importer.previews import previews_purge
from sources.importer.run import failure_record
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Importe chaque source dont la fréquence de mise à jour est échue, depuis son "
        "adresse ou son fichier ; l’échec d’une source n’arrête pas les autres. Efface les "
        "aperçus d’importation de l’admin jamais confirmés depuis un jour."
    )

    def handle(self, **options):
        # The admin's previews never confirmed (a file each, which may hold emails).
        previews_purge()
        failures = 0
        for source in Source.objects.order_by("name"):
            if not source.is_due():
                continue
            try:
                plan = import_run(source, source_export(source))
            except ImportFailed as error:
                failure_record(source, str(error))
                failures += 1
                self.stderr.write(f"{source.name} : échec — {error}")
                continue
            self.stdout.write(f"{source.name} : {plan.summary()}")
        if failures:
            raise CommandError(f"{failures} source(s) en échec.")
