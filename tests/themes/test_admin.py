from initiatives.models import Initiative
from themes.models import Public, Theme

THEMES = "/admin/themes/theme/"


def theme_form_data(theme, **changes):
    data = {
        "name": theme.name,
        "slug": theme.slug,
        "parent": theme.parent_id or "",
        "code": theme.code,
        "description": theme.description,
        "position": theme.position,
    }
    data.update(changes)
    return data


def test_renaming_a_theme_updates_the_search_of_its_initiatives(admin_client, make_initiative):
    wimoov = make_initiative("Wimoov", themes=["mobilite"])
    mobilite = Theme.objects.get(slug="mobilite")

    response = admin_client.post(
        f"{THEMES}{mobilite.pk}/change/", theme_form_data(mobilite, name="Déplacements")
    )

    assert response.status_code == 302
    assert list(Initiative.objects.published().search("déplacements")) == [wimoov]


def test_moving_a_thematique_to_another_domain_updates_the_filters(admin_client, make_initiative):
    wimoov = make_initiative("Wimoov", themes=["mobilite"])
    mobilite = Theme.objects.get(slug="mobilite")
    other_domain = Theme.objects.domains().exclude(pk=mobilite.parent_id).first()

    admin_client.post(
        f"{THEMES}{mobilite.pk}/change/", theme_form_data(mobilite, parent=other_domain.pk)
    )

    wimoov.refresh_from_db()
    assert wimoov.theme_ids == sorted([mobilite.pk, other_domain.pk])


def test_the_theme_list_counts_initiatives_and_filters_by_domain(admin_client, make_initiative):
    make_initiative("Wimoov", themes=["mobilite"])
    mobilite = Theme.objects.get(slug="mobilite")

    response = admin_client.get(THEMES, {"domaine": mobilite.parent_id})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mobilité" in html and "Énergie" not in html
    assert '<td class="field-initiative_count">1</td>' in html


def test_renaming_a_public_updates_the_search_of_its_initiatives(admin_client, make_initiative):
    wimoov = make_initiative("Bip Pop", publics=["seniors"])
    seniors = Public.objects.get(slug="seniors")

    admin_client.post(
        f"/admin/themes/public/{seniors.pk}/change/",
        {"name": "Aînés", "slug": seniors.slug, "position": seniors.position},
    )

    assert list(Initiative.objects.published().search("aînés")) == [wimoov]


def test_a_renamed_theme_shows_at_once_in_the_directory(admin_client, client, make_initiative):
    make_initiative("Wimoov", themes=["mobilite"])
    assert ">Mobilité</a>" in client.get("/initiatives/").content.decode()
    mobilite = Theme.objects.get(slug="mobilite")

    admin_client.post(
        f"{THEMES}{mobilite.pk}/change/", theme_form_data(mobilite, name="Déplacements")
    )

    html = client.get("/initiatives/", {"q": "wimoov"}).content.decode()
    assert ">Déplacements</a>" in html
    assert ">Mobilité</a>" not in html
