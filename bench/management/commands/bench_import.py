import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from bench import sources
from initiatives.models import Initiative
from sources.importer import import_apply, import_plan
from sources.models import Source
from sources.readers import read
from territories.models import Territory


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Mesure l’importation d’un fichier cis-csv généré de N lignes dans une source "
        "jetable (lecture, plan, écriture, puis une seconde importation du même fichier), "
        "le tout annulé à la fin : la base reste telle quelle."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000, help="Lignes du fichier.")

    def handle(self, *args, rows, **options):
        data = sources.cis_csv(rows)
        communes = Territory.objects.of_kind("commune").count()
        self.stdout.write(f"{rows} lignes cis-csv ({len(data) / 1e6:.1f} Mo), {communes} communes")
        try:
            with transaction.atomic():
                source = Source.objects.create(
                    name="Banc d’essai", slug=slugify("banc-essai-import"), format="cis-csv"
                )
                for run in ("première", "seconde"):
                    self.measure(run, source, data)
                raise Rollback
        except Rollback:
            pass

    def measure(self, run, source, data):
        start = time.perf_counter()
        result = read(data, source.format)
        read_at = time.perf_counter()
        plan = import_plan(source, result)
        planned_at = time.perf_counter()
        import_apply(plan)
        done = time.perf_counter()
        self.stdout.write(
            f"{run} importation : lecture {read_at - start:.1f} s, "
            f"plan {planned_at - read_at:.1f} s, "
            f"écriture {done - planned_at:.1f} s, total {done - start:.1f} s — {plan.summary()} "
            f"({Initiative.objects.count()} initiatives en base)"
        )
