"""load_demo on a directory without the demo: when it loads, and how it fails."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor
from initiatives.models import Initiative
from sources.models import Source


def test_if_empty_does_nothing_when_a_real_initiative_exists(make_initiative):
    make_initiative("Une initiative déjà saisie")
    call_command("load_demo", if_empty=True)
    assert not Initiative.objects.filter(slug="wimoov").exists()


def test_if_empty_loads_when_only_fictitious_initiatives_exist(make_initiative):
    make_initiative("Un exemple fictif", is_fictitious=True)
    call_command("load_demo", if_empty=True)
    assert Initiative.objects.filter(slug="wimoov").exists()


def test_an_unknown_slug_fails_loudly_and_loads_nothing(db, tmp_path):
    (tmp_path / "actors.json").write_text(
        json.dumps([{"slug": "un-acteur", "name": "Un acteur", "kind": "reseau"}])
    )
    (tmp_path / "initiatives.json").write_text(
        json.dumps(
            [
                {
                    "slug": "une-initiative",
                    "name": "Une initiative",
                    "summary": "Un résumé.",
                    "themes": ["thematique-inexistante"],
                    "published_at": "2024-01-01T00:00:00+01:00",
                }
            ]
        )
    )
    with pytest.raises(CommandError, match="thematique-inexistante"):
        call_command("load_demo", directory=tmp_path)
    assert not Actor.objects.filter(slug="un-acteur").exists()
    assert not Initiative.objects.filter(slug="une-initiative").exists()


def test_a_source_listing_an_unknown_initiative_fails_loudly_and_loads_nothing(db, tmp_path):
    (tmp_path / "actors.json").write_text("[]")
    (tmp_path / "initiatives.json").write_text("[]")
    (tmp_path / "sources.json").write_text(
        json.dumps(
            [
                {
                    "slug": "un-reseau",
                    "name": "Un réseau",
                    "format": "cis-csv",
                    "listings": [{"initiative": "initiative-inexistante", "identifier": "1"}],
                }
            ]
        )
    )
    with pytest.raises(CommandError, match="initiative-inexistante"):
        call_command("load_demo", directory=tmp_path)
    assert not Source.objects.filter(slug="un-reseau").exists()
