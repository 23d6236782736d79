"""Partner files of any size for `manage.py bench_sources`: cis-csv rows of
projects with one to three sites each, and the same projects in gogocarto-json.
Pure functions of a seed."""

import csv
import io
import json
import random

from sources.crosswalks.cis import LEVEL_1, LEVEL_2

CITIES = [
    ("75011", "75", "Paris", 48.8589, 2.3855),
    ("69007", "69", "Lyon", 45.7456, 4.8425),
    ("38500", "38", "Voiron", 45.3640, 5.5890),
    ("26000", "26", "Valence", 44.9334, 4.8924),
    ("01000", "01", "Bourg-en-Bresse", 46.2052, 5.2255),
    ("93100", "93", "Montreuil", 48.8610, 2.4430),
]
WORDS = "atelier épicerie jardin réseau maison café tiers-lieu ressourcerie cantine".split()
HEADER = (
    ["Sourceur", "ID CIS", "ID interne sourceur", "GUID", "Nom du projet", "Structure porteuse"]
    + ["Description", "Tags sourceur"]
    + [f"Tag CIS - Niveau - 1 - Thématiques {n}{code}" for n in (1, 2, 3) for code in ("", " CODE")]
    + [
        f"Tag CIS - Niveau 2 - Sous-thématiques {n}{code}"
        for n in range(1, 7)
        for code in ("", " CODE")
    ]
    + ["Email", "Lauréats", "Code postal", "Département_code", "Ville", "Adresse", "lat", "long"]
)


def projects(count_rows, seed=1):
    """Dicts of projects whose sites add up to `count_rows`."""
    rng = random.Random(seed)
    made, number = [], 0
    while count_rows > 0:
        number += 1
        sites = [rng.choice(CITIES) for _ in range(min(count_rows, rng.randint(1, 3)))]
        count_rows -= len(sites)
        name = f"{rng.choice(WORDS).capitalize()} solidaire n° {number}"
        made.append(
            {
                "id": f"B-{number:06d}",
                "name": name,
                "description": f"{name} : « un projet, des habitants », décrit en quelques mots.\n"
                + "Une seconde ligne, avec des virgules, pour faire bonne mesure." * 3,
                "l1": rng.sample(sorted(LEVEL_1), 2),
                "l2": rng.sample(sorted(LEVEL_2), 3),
                "email": f"contact{number}@exemple.invalid",
                "sites": sites,
            }
        )
    return made


def cis_csv(count_rows, seed=1, separator=",", encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(HEADER)
    for project in projects(count_rows, seed):
        for index, (postcode, dep, city, lat, lon) in enumerate(project["sites"]):
            tags = [c for code in project["l1"] + [""] for c in (LEVEL_1.get(code, ""), code)]
            tags += [c for code in project["l2"] + [""] * 3 for c in (LEVEL_2.get(code, ""), code)]
            first = index == 0
            writer.writerow(
                ["Fondation des Possibles", "", project["id"], "https://exemple.invalid/projet"]
                + (
                    [project["name"], "Association", project["description"], "solidarité, local"]
                    if first
                    else ["", "", "", ""]
                )
                + (tags if first else [""] * len(tags))
                + [project["email"] if first else "null", "2019" if first else "NR"]
                + [postcode, dep, city, "1 place de la Mairie", f"{lat:.4f}", f"{lon:.4f}"]
            )
    return out.getvalue().encode(encoding)


def gogocarto_json(count_rows, seed=1):
    elements = []
    for project in projects(count_rows, seed):
        postcode, _dep, city, lat, lon = project["sites"][0]
        elements.append(
            {
                "id": project["id"],
                "name": project["name"],
                "geo": {"latitude": lat, "longitude": lon},
                "address": {"addressLocality": city, "postalCode": postcode},
                "categories": project["l2"],
                "description": project["description"],
                "email": project["email"],
            }
        )
    return json.dumps({"data": elements}, ensure_ascii=False).encode()
