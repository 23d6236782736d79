from django.core.management.base import BaseCommand
from django.db import connection, transaction

from initiatives.models import Initiative

BATCH = 5000


class Command(BaseCommand):
    help = (
        "Reconstruit l’index de recherche, les filtres et les comptes par case de la carte "
        "de toutes les initiatives."
    )

    def handle(self, *args, **options):
        ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE initiatives_searchterm")
                # Rebuilt from nothing, as the map's counts per cell (map_cells.py):
                # each batch adds what its initiatives contribute. (Deleted: rows
                # written in this transaction may still have key checks pending.)
                cursor.execute("DELETE FROM initiatives_mapcontribution")
                cursor.execute("DELETE FROM initiatives_mapcell")
            for start in range(0, len(ids), BATCH):
                Initiative.objects.filter(pk__in=ids[start : start + BATCH]).refresh_search()
                self.stdout.write(f"{min(start + BATCH, len(ids))} / {len(ids)}")
        self.stdout.write(self.style.SUCCESS(f"{len(ids)} initiatives réindexées."))
