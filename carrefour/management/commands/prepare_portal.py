from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Prépare le portail : migrations, territoires et annuaire de démonstration. "
        "Ne refait pas ce qui est déjà fait."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Base de données à jour.")
        call_command("import_territories", if_empty=True, stdout=self.stdout)
        call_command("load_demo", if_empty=True, stdout=self.stdout)
        if not get_user_model().objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Pour modérer dans l’administration (/admin/), créez un compte : make admin"
            )
        self.stdout.write(self.style.SUCCESS("Portail prêt : http://127.0.0.1:8000"))
