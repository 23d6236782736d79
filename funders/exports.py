"""The portfolio as CSV: one line per published initiative the actor supports,
with the actor's roles, the initiative's public facts and its indicators; never
a contact. Read a chunk of initiatives at a time (a few queries per chunk)."""

import csv

from django.conf import settings
from django.db.models import Prefetch

from funders.portfolio import roles_of, supported_initiatives
from territories.models import Territory

CHUNK_SIZE = 500
SEPARATOR = " ; "

COLUMNS = [
    "identifiant",
    "nom",
    "url",
    "commune",
    "code_commune",
    "territoires_d_action",
    "national",
    "thematiques",
    "roles",
    "programmes",
    "annees_de_soutien",
    "indicateurs",
]


class _Line:
    def write(self, value):
        return value


def _chunks(actor):
    territories = Territory.objects.only("kind", "code", "name").order_by("kind", "name")
    ids = list(supported_initiatives(actor).order_by("name", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        found = (
            supported_initiatives(actor)
            .filter(pk__in=chunk)
            .select_related("commune")
            .only("name", "slug", "is_national", "commune__name", "commune__code", "commune__kind")
            .prefetch_related(
                "themes",
                "indicators",
                roles_of(actor),
                Prefetch("territories", queryset=territories),
            )
        )
        by_id = {initiative.pk: initiative for initiative in found}
        yield [by_id[pk] for pk in chunk if pk in by_id]


def _indicator(indicator):
    value = f"{indicator.value.normalize():f}"
    text = f"{indicator.label} : {value} {indicator.unit}".strip()
    return f"{text} ({indicator.year})" if indicator.year else text


def row(initiative):
    roles = initiative.actor_roles
    return {
        "identifiant": initiative.slug,
        "nom": initiative.name,
        "url": settings.SITE_URL + initiative.get_absolute_url(),
        "commune": initiative.commune.name if initiative.commune else "",
        "code_commune": initiative.commune.code if initiative.commune else "",
        "territoires_d_action": SEPARATOR.join(
            place.name for place in initiative.territories.all()
        ),
        "national": "oui" if initiative.is_national else "non",
        "thematiques": SEPARATOR.join(theme.name for theme in initiative.themes.all()),
        "roles": SEPARATOR.join(str(role.get_role_display()) for role in roles),
        "programmes": SEPARATOR.join(role.programme.name for role in roles if role.programme),
        "annees_de_soutien": SEPARATOR.join(str(role.year) for role in roles if role.year),
        "indicateurs": SEPARATOR.join(_indicator(item) for item in initiative.indicators.all()),
    }


def portfolio_lines(actor):
    """The CSV text of `actor`'s portfolio, line by line."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS)
    for chunk in _chunks(actor):
        for initiative in chunk:
            values = row(initiative)
            yield writer.writerow([values[name] for name in COLUMNS])
