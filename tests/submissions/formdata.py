"""What a holder's browser posts from the initiative form."""

from themes.models import Public, Theme


def formset(prefix, rows, extra=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + extra),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def initiative_form(action="submit", roles=(), awards=(), **overrides):
    """A complete form for "Cantine des Voironnais", in Voiron (38500)."""
    data = {
        "action": action,
        "name": "Cantine des Voironnais",
        "summary": "Une cantine partagée où les habitants cuisinent ensemble.",
        "description": "Contexte : l’isolement. Besoin : du lien. Solution : une cantine.",
        "innovation": "Une gouvernance partagée avec les habitants.",
        "website": "https://cantine-voironnais.example.org",
        "year_started": "2019",
        "stage": "experimentation",
        "themes": [str(Theme.objects.get(slug="mobilite").pk)],
        "publics": [str(Public.objects.get(slug="precarite").pk)],
        "carrier": "Association Cantine des Voironnais",
        "structure_type": "association",
        "contact_name": "Camille Martin",
        "contact_email": "camille@example.org",
        "address": "12 rue Mainssieux",
        "commune": "Voiron (38500)",
        "latitude": "",
        "longitude": "",
        "territories": ["Isère (38)"],
        **formset("roles", list(roles), extra=1),
        **formset("awards", list(awards), extra=1),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def draft_form(name):
    """A draft with a name only: the rest of the form left empty."""
    return {
        "action": "draft",
        "name": name,
        "stage": "experimentation",
        **formset("roles", [], extra=3),
        **formset("awards", [], extra=2),
    }
