"""Applying a partner's export: what is created, updated, left alone, linked or
rejected, on the real sample files and the real database."""

import json
from pathlib import Path

import pytest

from actors.models import Actor
from initiatives.models import Initiative
from sources.importer import import_apply, import_plan, import_run
from sources.models import Source, SourceListing, SourceTag
from sources.readers import read
from submissions.models import Revision

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def sample(name):
    return (SAMPLES / name).read_bytes()


def gogocarto(*elements):
    return json.dumps({"data": list(elements)}).encode()


def element(identifier, name, **fields):
    return {
        "id": identifier,
        "name": name,
        "geo": {"latitude": 45.1719, "longitude": 5.7245},
        "address": {"addressLocality": "Grenoble", "postalCode": "38100"},
        "description": f"{name} : un projet de quartier.",
        **fields,
    }


@pytest.fixture
def cis_source(make_source):
    return make_source("Fondation des Possibles", format=Source.Format.CIS_CSV)


@pytest.fixture
def map_source(make_source):
    return make_source("Près de chez nous", format=Source.Format.GOGOCARTO_JSON)


def test_a_first_run_creates_each_project_and_a_second_changes_nothing(cis_source):
    first = import_run(cis_source, sample("cis-sample.csv"))

    assert len(first.created) == 17
    assert [str(problem) for problem in first.rejected] == ["ligne 12 : nom du projet manquant"]
    assert Initiative.objects.count() == 17
    assert SourceListing.objects.filter(source=cis_source, still_listed=True).count() == 17

    second = import_run(cis_source, sample("cis-sample.csv"))

    assert len(second.unchanged) == 17
    assert not (second.created or second.updated or second.linked or second.no_longer_listed)
    assert not second.changes_anything
    assert "0 créées, 0 mises à jour" in second.summary()
    assert Initiative.objects.count() == 17
    assert not Revision.objects.exists()


def test_one_fiche_holds_every_site_of_a_project_with_its_commune(cis_source):
    import_run(cis_source, sample("cis-sample.csv"))

    wimoov = Initiative.objects.get(name="Wimoov")
    sites = list(wimoov.sites.select_related("commune"))
    assert len(sites) == 4
    assert [site.commune.name for site in sites[:2]] == ["Paris", "Lyon"]
    # The main site is copied onto the fiche for the cards and the map.
    assert wimoov.commune.name == "Paris"


def test_a_site_without_a_point_is_placed_at_its_postcode_and_city(cis_source):
    import_run(cis_source, sample("cis-sample.csv"))

    site = Initiative.objects.get(name="Villages Vivants").sites.get()
    assert site.commune.name == "Crest"
    assert site.point == site.commune.point


def test_the_crosswalk_gives_the_themes_and_unmapped_tags_wait_for_moderators(cis_source):
    import_run(cis_source, sample("cis-sample.csv"))

    wimoov = Initiative.objects.get(name="Wimoov")
    themes = set(wimoov.themes.values_list("slug", flat=True))
    assert {"mobilite", "emploi", "insertion", "amenagement"} <= themes
    assert "demandeurs-emploi" in set(wimoov.publics.values_list("slug", flat=True))
    # The default crosswalk is now the source's own, for moderators to edit.
    assert cis_source.tags.filter(code="MOB", themes__slug="mobilite").exists()
    unmapped = set(
        SourceTag.objects.filter(source=cis_source).unmapped().values_list("code", flat=True)
    )
    assert {"XYZ", "mobilité inclusive", "Repas partagés"} <= unmapped


def test_a_moderated_source_sends_new_fiches_for_review_and_a_trusted_one_publishes(
    cis_source, make_source
):
    import_run(cis_source, sample("cis-sample-cp1252-semicolon.csv"))
    trusted = make_source("Réseau confiant", format="cis-csv", trust=Source.Trust.PUBLISH)
    import_run(trusted, sample("cis-sample.csv"))

    pending = Initiative.objects.filter(listings__source=cis_source)
    assert set(pending.values_list("status", flat=True)) == {"pending"}
    published = Initiative.objects.filter(listings__source=trusted)
    assert set(published.values_list("status", flat=True)) == {"published"}
    assert Initiative.objects.published().search("Wimoov").exists()


def test_the_carrying_structure_is_the_actor_of_that_name_or_a_new_structure(cis_source):
    cantines = Actor.objects.create(
        name="association les petites cantines", slug="petites-cantines", is_published=True
    )

    import_run(cis_source, sample("cis-sample.csv"))

    assert Initiative.objects.get(name="Les Petites Cantines").carrier == cantines
    vrac = Initiative.objects.get(name__startswith="VRAC").carrier
    assert (vrac.name, vrac.kind) == ("VRAC Lyon", Actor.Kind.STRUCTURE)
    # The source sends its fiches to moderation: the new structure is published
    # with its fiche, by the moderator.
    assert not vrac.is_published
    assert Actor.objects.filter(name="Wimoov").count() == 1
    assert Initiative.objects.get(name="Domb'innov").carrier.name == "PTCE Domb'innov"


def test_a_renamed_carrying_structure_updates_the_fiche(cis_source):
    import_run(cis_source, sample("cis-sample.csv"))
    renamed = sample("cis-sample.csv").replace(b"VRAC Lyon", "VRAC Métropole".encode())

    plan = import_run(cis_source, renamed)

    assert [entry.changes for entry in plan.updated] == [["carrier"]]
    assert Initiative.objects.get(name__startswith="VRAC").carrier.name == "VRAC Métropole"


def test_the_private_email_is_the_fiches_private_contact(cis_source):
    import_run(cis_source, sample("cis-sample.csv"))

    assert Initiative.objects.get(name="Wimoov").contact_email


def test_a_changed_row_updates_only_what_changed(map_source):
    import_run(map_source, gogocarto(element("a", "Atelier du Lac"), element("b", "Café Bleu")))
    fiche = Initiative.objects.get(name="Café Bleu")
    fiche.summary = "Résumé écrit par un modérateur, gardé."
    fiche.save()

    plan = import_run(
        map_source,
        gogocarto(
            element("a", "Atelier du Lac", website="https://atelier-du-lac.example"),
            element("b", "Café Bleu"),
        ),
    )

    assert [entry.changes for entry in plan.updated] == [["website"]]
    assert Initiative.objects.get(name="Atelier du Lac").website == (
        "https://atelier-du-lac.example"
    )
    # The row of Café Bleu did not change: the moderator's summary stays, untouched.
    assert [entry.row.identifier for entry in plan.unchanged] == ["b"]
    assert (
        Initiative.objects.get(name="Café Bleu").summary == "Résumé écrit par un modérateur, gardé."
    )


def test_a_holders_edit_survives_a_reimport_which_becomes_a_pending_revision(map_source, holder):
    import_run(map_source, gogocarto(element("a", "Atelier du Lac")))
    fiche = Initiative.objects.get(name="Atelier du Lac")
    fiche.holders.add(holder)
    fiche.summary = "Notre résumé, écrit par nous."
    fiche.save()

    plan = import_run(
        map_source,
        gogocarto(element("a", "Atelier du Lac", description="Une description toute neuve.")),
    )

    fiche.refresh_from_db()
    assert fiche.summary == "Notre résumé, écrit par nous."
    assert fiche.description == "Atelier du Lac : un projet de quartier."
    assert [entry.as_revision for entry in plan.updated] == [True]
    revision = Revision.objects.get(initiative=fiche, status=Revision.Status.PENDING)
    assert revision.data["description"] == "Une description toute neuve."
    # A third run of the same file proposes nothing more.
    assert not import_run(
        map_source,
        gogocarto(element("a", "Atelier du Lac", description="Une description toute neuve.")),
    ).changes_anything


def test_a_moderators_edit_is_not_overwritten_either(map_source):
    import_run(map_source, gogocarto(element("a", "Atelier du Lac")))
    fiche = Initiative.objects.get(name="Atelier du Lac")
    fiche.name = "Atelier du Lac (Grenoble)"
    fiche.save()

    import_run(map_source, gogocarto(element("a", "L’Atelier du Lac")))

    fiche.refresh_from_db()
    assert fiche.name == "Atelier du Lac (Grenoble)"
    assert Revision.objects.get(initiative=fiche).data["name"] == "L’Atelier du Lac"


def test_a_project_missing_from_the_source_is_no_longer_listed_and_kept(map_source):
    import_run(map_source, gogocarto(element("a", "Atelier du Lac"), element("b", "Café Bleu")))

    plan = import_run(map_source, gogocarto(element("a", "Atelier du Lac")))

    assert [listing.identifier for listing in plan.no_longer_listed] == ["b"]
    listing = SourceListing.objects.get(source=map_source, identifier="b")
    assert listing.still_listed is False
    assert Initiative.objects.filter(name="Café Bleu").exists()
    # Listed again later: the same fiche, listed again.
    again = import_run(
        map_source, gogocarto(element("a", "Atelier du Lac"), element("b", "Café Bleu"))
    )
    assert [entry.relisted for entry in again.updated] == [True]
    assert Initiative.objects.filter(name="Café Bleu").count() == 1
    listing.refresh_from_db()
    assert listing.still_listed is True


def test_a_project_listed_by_two_sources_is_one_fiche_naming_both(cis_source, map_source, client):
    cis_source.trust = map_source.trust = Source.Trust.PUBLISH
    cis_source.save()
    map_source.save()
    import_run(cis_source, sample("cis-sample.csv"))

    plan = import_run(map_source, sample("gogocarto-sample.json"))

    assert [entry.row.name for entry in plan.linked] == ["Repair Café du Pays Voironnais"]
    fiche = Initiative.objects.get(name="Repair Café du Pays Voironnais")
    assert set(fiche.listings.values_list("source__name", flat=True)) == {
        "Fondation des Possibles",
        "Près de chez nous",
    }
    page = client.get(fiche.get_absolute_url()).content.decode()
    assert "Fondation des Possibles" in page and "Près de chez nous" in page
    # A second run links nothing more.
    assert not import_run(map_source, sample("gogocarto-sample.json")).changes_anything


def test_a_point_contradicting_its_postcode_is_kept_with_a_warning(cis_source):
    plan = import_run(cis_source, sample("cis-sample.csv"))

    assert any(
        "ligne 10" in str(problem) and "hors du code postal 38000" in str(problem)
        for problem in plan.warnings
    )
    site = Initiative.objects.get(name="Repair Café du Pays Voironnais").sites.get()
    assert site.commune.name == "Voiron"
    assert round(site.point.y, 3) == 45.364


def test_the_plan_writes_nothing(cis_source):
    plan = import_plan(cis_source, read(sample("cis-sample.csv"), "cis-csv"))

    assert len(plan.created) == 17
    assert not Initiative.objects.exists()
    assert not cis_source.tags.exists()
    import_apply(plan)
    assert Initiative.objects.count() == 17


def test_a_paris_postcode_finds_paris_and_does_not_contradict_its_point(map_source):
    plan = import_run(
        map_source,
        gogocarto(
            {
                "id": "p",
                "name": "Sans point",
                "address": {"postalCode": "75019", "addressLocality": "Paris"},
            },
            element(
                "q",
                "Avec point",
                geo={"latitude": 48.8589, "longitude": 2.3855},
                address={"postalCode": "75011", "addressLocality": "Paris"},
            ),
        ),
    )

    assert plan.warnings == []
    communes = Initiative.objects.values_list("name", "sites__commune__name")
    assert set(communes) == {("Sans point", "Paris"), ("Avec point", "Paris")}


def test_a_project_without_any_place_has_no_site(map_source):
    import_run(map_source, gogocarto({"id": "n", "name": "Nulle part", "geo": {"latitude": "NR"}}))

    fiche = Initiative.objects.get(name="Nulle part")
    assert not fiche.sites.exists()
    assert fiche.point is None


def test_a_moderator_reads_and_approves_the_revision_an_import_proposed(
    map_source, holder, moderator_client
):
    from tests.moderation.conftest import decide

    import_run(map_source, gogocarto(element("a", "Atelier du Lac")))
    fiche = Initiative.objects.get(name="Atelier du Lac")
    fiche.holders.add(holder)
    changed = gogocarto(element("a", "Atelier du Lac", description="Une description neuve."))
    import_run(map_source, changed)
    revision = Revision.objects.get(initiative=fiche)

    page = moderator_client.get(f"/admin/moderation/revision/{revision.pk}/change/")
    assert page.status_code == 200
    assert "Une description neuve." in page.content.decode()
    decide(moderator_client, "/admin/moderation/revision/", "approve", [revision])

    fiche.refresh_from_db()
    assert fiche.description == "Une description neuve."
    assert not import_run(map_source, changed).changes_anything


def test_an_identifier_too_long_to_be_found_again_is_rejected(map_source):
    plan = import_run(map_source, gogocarto(element("x" * 201, "Trop long")))

    assert [str(problem) for problem in plan.rejected] == [
        "élément 1 : identifiant de plus de 200 caractères."
    ]
    assert not Initiative.objects.exists()


def test_new_fiches_of_a_moderated_source_wait_in_the_moderators_queue(
    cis_source, moderator_client
):
    import_run(cis_source, sample("cis-sample.csv"))

    queue = moderator_client.get("/admin/moderation/submission/").content.decode()
    assert "Wimoov" in queue and "Les Petites Cantines" in queue
