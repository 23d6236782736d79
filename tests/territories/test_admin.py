import pytest

AUTOCOMPLETE = "/admin/autocomplete/"


def autocomplete(client, field_name, term):
    response = client.get(
        AUTOCOMPLETE,
        {
            "app_label": "initiatives",
            "model_name": "initiative",
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("term", ["voir", "Voir", "38500"])
def test_the_commune_autocomplete_finds_voiron(admin_client, term):
    assert autocomplete(admin_client, "commune", term)[0] == "Voiron (38500)"


def test_the_commune_autocomplete_offers_only_communes(admin_client):
    communes = autocomplete(admin_client, "commune", "isere")
    assert "Romans-sur-Isère (26100)" in communes
    assert "Isère (38)" not in communes


def test_the_territories_autocomplete_ignores_accents_and_puts_the_largest_first(admin_client):
    assert autocomplete(admin_client, "territories", "isere")[0] == "Isère (38)"
    assert autocomplete(admin_client, "territories", "rhone")[0] == "Rhône (69)"


def test_a_postcode_finds_every_commune_it_covers(admin_client):
    communes = autocomplete(admin_client, "territories", "38500")

    assert "Coublevie (38500)" in communes and "La Buisse (38500)" in communes


def test_the_territory_page_leaves_the_outline_out(admin_client, territory):
    voiron = territory("commune-38563")

    response = admin_client.get(f"/admin/territories/territory/{voiron.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "MULTIPOLYGON" not in html and "leaflet" not in html
    assert f"{voiron.point.y:.5f}, {voiron.point.x:.5f}" in html
    assert 'name="name"' not in html  # read only: no input to edit


def test_territories_cannot_be_added_changed_or_deleted(admin_client, territory):
    voiron = territory("commune-38563")
    change_url = f"/admin/territories/territory/{voiron.pk}/change/"

    assert admin_client.get("/admin/territories/territory/add/").status_code == 403
    assert admin_client.post(change_url, {"name": "Voiron-les-Bains"}).status_code == 403
    assert admin_client.get(f"/admin/territories/territory/{voiron.pk}/delete/").status_code == 403
    voiron.refresh_from_db()
    assert voiron.name == "Voiron"


def test_the_territory_list_searches_like_the_autocomplete(admin_client):
    response = admin_client.get("/admin/territories/territory/", {"q": "voir"})

    html = response.content.decode()
    assert response.status_code == 200
    assert ">Voiron</a>" in html and ">Grenoble</a>" not in html
