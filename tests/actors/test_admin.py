from initiatives.models import Initiative
from tests.queries import count_queries

ACTORS = "/admin/actors/actor/"


def change_form_data(actor, **changes):
    data = {
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "description": actor.description,
        "website": actor.website,
        "territory": actor.territory_id or "",
        "territories": [territory.pk for territory in actor.territories.all()],
        "themes": [theme.pk for theme in actor.themes.all()],
        "Programme_actors-TOTAL_FORMS": "0",
        "Programme_actors-INITIAL_FORMS": "0",
        "Programme_actors-MIN_NUM_FORMS": "0",
        "Programme_actors-MAX_NUM_FORMS": "1000",
    }
    if actor.is_published:
        data["is_published"] = "on"
    data.update(changes)
    return data


def test_renaming_an_actor_updates_the_search_of_its_initiatives(
    admin_client, make_actor, make_initiative
):
    funder = make_actor("Fondation Cognacq-Jay", kind="fondation")
    carrier = make_actor("Groupe Archer", kind="structure")
    funded = make_initiative("Les Petites Cantines", actors=[(funder, "financeur")])
    carried = make_initiative("Pôle Sud", carrier=carrier)

    admin_client.post(
        f"{ACTORS}{funder.pk}/change/", change_form_data(funder, name="Fondation Lumière")
    )
    admin_client.post(f"{ACTORS}{carrier.pk}/change/", change_form_data(carrier, name="Archer SAS"))

    assert list(Initiative.objects.published().search("Lumière")) == [funded]
    assert list(Initiative.objects.published().search("Archer")) == [carried]
    assert not Initiative.objects.published().search("Cognacq").exists()


def test_unpublishing_an_actor_takes_its_name_out_of_the_search(
    admin_client, make_actor, make_initiative
):
    funder = make_actor("Fondation Cognacq-Jay", kind="fondation")
    make_initiative("Les Petites Cantines", actors=[(funder, "financeur")])
    data = change_form_data(funder)
    del data["is_published"]

    response = admin_client.post(f"{ACTORS}{funder.pk}/change/", data)

    assert response.status_code == 302
    assert not Initiative.objects.published().search("Cognacq").exists()


def test_deleting_an_actor_takes_its_name_out_of_the_search(
    admin_client, make_actor, make_initiative
):
    funder = make_actor("Fondation Cognacq-Jay", kind="fondation")
    initiative = make_initiative("Les Petites Cantines", actors=[(funder, "financeur")])

    admin_client.post(f"{ACTORS}{funder.pk}/delete/", {"post": "yes"})

    assert not Initiative.objects.published().search("Cognacq").exists()
    initiative.refresh_from_db()
    assert initiative.actor_ids == []


def test_the_actor_list_and_autocomplete_find_an_actor(admin_client, make_actor):
    make_actor("France Active", kind="reseau")

    listing = admin_client.get(ACTORS, {"q": "france"})
    found = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "initiatives",
            "model_name": "initiative",
            "field_name": "carrier",
            "term": "fran",
        },
    )

    assert listing.status_code == 200 and "France Active" in listing.content.decode()
    assert [result["text"] for result in found.json()["results"]] == ["France Active"]


def test_the_actor_list_costs_the_same_however_many_actors_exist(
    admin_client, make_actor, territory
):
    for number in range(3):
        make_actor(f"Commune partenaire {number}", territory=territory("commune-38563"))
    with_three = count_queries(admin_client, ACTORS, warm=True)
    for number in range(3, 13):
        make_actor(f"Commune partenaire {number}", territory=territory("commune-38563"))

    assert count_queries(admin_client, ACTORS, warm=True) == with_three


def test_a_website_typed_without_its_scheme_is_saved_as_https(admin_client, make_actor):
    funder = make_actor("Fondation Cognacq-Jay", kind="fondation")
    response = admin_client.post(
        f"{ACTORS}{funder.pk}/change/", change_form_data(funder, website="cognacq-jay.fr")
    )
    assert response.status_code == 302
    funder.refresh_from_db()
    assert funder.website == "https://cognacq-jay.fr"
