from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from moderation.models import MODERATORS_GROUP


class Command(BaseCommand):
    help = (
        "Fait d’un compte un modérateur : accès à l’administration et groupe "
        "« Modérateurs ». Le compte doit exister (inscription sur le site)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Adresse e-mail du compte.")
        parser.add_argument(
            "--remove", action="store_true", help="Retirer ce compte de la modération."
        )

    def handle(self, *args, email, remove=False, **options):
        user = User.objects.filter(username__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Aucun compte avec l’adresse {email}.")
        group = Group.objects.get(name=MODERATORS_GROUP)
        if remove:
            user.groups.remove(group)
            user.is_staff = user.is_superuser
            user.save(update_fields=["is_staff"])
            self.stdout.write(f"{user.email} n’est plus modérateur.")
            return
        user.groups.add(group)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        self.stdout.write(f"{user.email} est modérateur.")
