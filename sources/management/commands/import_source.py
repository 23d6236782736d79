"""manage.py import_source FILE_OR_URL --format FORMAT --source NAME [--publish] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from tqdm import tqdm

from sources.importer import ImportFailed, export_read, import_apply
from sources.importer.run import failure_record, plan_from_export
from sources.models import Source
from sources.readers import FORMATS


class Command(BaseCommand):
    help = (
        "Importe l’export d’une source partenaire (fichier ou adresse) : affiche ce qui sera "
        "créé, mis à jour, inchangé, rattaché, refusé ou plus listé, puis l’applique."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", help="Chemin du fichier, ou adresse http(s).")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument(
            "--source", required=True, help="Nom de la source (créée au premier usage)."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Confiance « publier directement » : ses nouvelles fiches sont publiées.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui changerait, sans rien écrire."
        )

    def handle(self, location, format, source, publish, dry_run, **options):
        source = self.source_named(source, format, publish)
        try:
            data = export_read(location)
            plan = plan_from_export(source, data)
        except ImportFailed as error:
            if not dry_run:
                failure_record(source, str(error))
            raise CommandError(str(error)) from None
        self.report(plan)
        if dry_run:
            self.stdout.write("Essai à blanc : rien n’a été écrit.")
            return
        if not plan.changes_anything:
            self.stdout.write("Rien ne change : la source a déjà été importée telle quelle.")
        source.save()
        total = len(plan.created) + len(plan.linked) + len(plan.updated) + len(plan.unchanged)
        with tqdm(total=total, disable=not self.stdout.isatty(), unit="fiche") as bar:
            import_apply(plan, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Importé : {source.name} ({source.slug})."))

    def source_named(self, name, format, publish):
        slug = slugify(name)[:200]
        if not slug:
            raise CommandError("Nom de source vide.")
        source = Source.objects.filter(slug=slug).first() or Source(name=name, slug=slug)
        source.format = format
        if publish:
            source.trust = Source.Trust.PUBLISH
        return source

    def report(self, plan):
        self.stdout.write(plan.summary())
        for problem in plan.rejected:
            self.stdout.write(f"  refusée — {problem}")
        for problem in plan.warnings:
            self.stdout.write(f"  alerte — {problem}")
