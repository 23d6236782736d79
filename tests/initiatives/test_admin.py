import re

import pytest
from django.contrib.auth.models import Permission, User

from initiatives.models import Initiative
from tests.queries import count_queries
from themes.models import Theme

CHANGELIST = "/admin/initiatives/initiative/"

# What a moderator may do: moderate initiatives, look territories, actors and themes up.
MODERATOR_PERMISSIONS = [
    ("initiatives", "view_initiative"),
    ("initiatives", "change_initiative"),
    ("initiatives", "view_site"),
    ("initiatives", "add_site"),
    ("initiatives", "change_site"),
    ("initiatives", "delete_site"),
    ("initiatives", "view_initiativeactor"),
    ("initiatives", "add_initiativeactor"),
    ("initiatives", "change_initiativeactor"),
    ("initiatives", "delete_initiativeactor"),
    ("initiatives", "view_award"),
    ("initiatives", "add_award"),
    ("initiatives", "change_award"),
    ("initiatives", "delete_award"),
    ("initiatives", "view_indicator"),
    ("initiatives", "add_indicator"),
    ("initiatives", "change_indicator"),
    ("initiatives", "delete_indicator"),
    ("initiatives", "view_label"),
    ("initiatives", "change_label"),
    ("territories", "view_territory"),
    ("actors", "view_actor"),
    ("actors", "view_programme"),
    ("themes", "view_theme"),
    ("themes", "view_public"),
]


@pytest.fixture
def moderator_client(client, moderator):
    for app_label, codename in MODERATOR_PERMISSIONS:
        moderator.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    client.force_login(moderator)
    return client


@pytest.fixture
def make_located_initiatives(make_initiative, make_actor):
    """Initiatives with a commune, a carrier, themes and a funder, as the list shows them."""
    funder = make_actor("France Active")

    def make(count, status=Initiative.Status.PENDING):
        return [
            make_initiative(
                f"Initiative {Initiative.objects.count() + 1}",
                status=status,
                themes=["mobilite", "insertion"],
                commune="commune-38563",
                territories=["departement-38"],
                actors=[(funder, "financeur")],
                carrier=make_actor(f"Porteur {Initiative.objects.count() + 1}"),
            )
            for _ in range(count)
        ]

    return make


def change_url(initiative):
    return f"{CHANGELIST}{initiative.pk}/change/"


def change_form_data(initiative, **changes):
    """What the change form posts when nothing is touched, then `changes`."""
    data = {
        "name": initiative.name,
        "slug": initiative.slug,
        "summary": initiative.summary,
        "description": initiative.description,
        "innovation": initiative.innovation,
        "year_started": initiative.year_started or "",
        "website": initiative.website,
        "themes": [theme.pk for theme in initiative.themes.all()],
        "publics": [public.pk for public in initiative.publics.all()],
        "stage": initiative.stage,
        "structure_type": initiative.structure_type,
        "territories": [territory.pk for territory in initiative.territories.all()],
        "carrier": initiative.carrier_id or "",
        "contact_email": initiative.contact_email,
        "source_name": initiative.source_name,
        "source_url": initiative.source_url,
        "external_id": initiative.external_id,
        "status": initiative.status,
    }
    for prefix in ("sites", "roles", "awards", "indicators"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def test_a_moderator_sees_the_changelist_in_a_constant_number_of_queries(
    moderator_client, make_located_initiatives
):
    make_located_initiatives(3)
    with_three = count_queries(moderator_client, CHANGELIST, warm=True)
    make_located_initiatives(10)
    with_thirteen = count_queries(moderator_client, CHANGELIST, warm=True)

    assert with_thirteen == with_three
    response = moderator_client.get(CHANGELIST)
    assert "Initiative 13" in response.content.decode()
    assert "Voiron (38500)" in response.content.decode()


def test_a_superuser_sees_the_changelist_in_a_constant_number_of_queries(
    admin_client, make_located_initiatives
):
    make_located_initiatives(3)
    with_three = count_queries(admin_client, CHANGELIST, warm=True)
    make_located_initiatives(10)

    assert count_queries(admin_client, CHANGELIST, warm=True) == with_three


def test_the_change_page_costs_the_same_however_many_initiatives_exist(
    moderator_client, make_located_initiatives
):
    first = make_located_initiatives(3)[0]
    with_three = count_queries(moderator_client, change_url(first), warm=True)
    make_located_initiatives(10)

    assert count_queries(moderator_client, change_url(first), warm=True) == with_three


def test_the_change_page_shows_the_sections_the_map_and_the_inlines(
    moderator_client, make_located_initiatives
):
    initiative = make_located_initiatives(1)[0]

    html = moderator_client.get(change_url(initiative)).content.decode()

    sections = ("Présentation", "Classement", "Territoires d’action", "Acteurs", "Contact privé")
    for section in sections:
        assert f">{section}<" in html
    assert ">Provenance<" in html and ">Publication<" in html
    # Its sites, each with its map: the main one in Voiron.
    assert re.search(r">\s*Lieux\s*<", html)
    assert 'class="inline_label">Voiron' in html
    assert "leaflet-container-default" in html
    assert "France Active" in html  # the funder's row in the actor roles inline
    assert "Labels et prix" in html and "Indicateurs d’impact" in html


def test_the_territory_filter_lists_regions_and_departements_and_filters_on_the_commune(
    moderator_client, make_initiative
):
    make_initiative("Wimoov", status="pending", commune="commune-38563")
    make_initiative("VRAC", status="pending", commune="commune-69123")

    html = moderator_client.get(CHANGELIST).content.decode()
    assert "Auvergne-Rhône-Alpes" in html and "— Isère (38)" in html

    isere = moderator_client.get(CHANGELIST, {"territoire": "departement-38"}).content.decode()
    assert "Wimoov" in isere and "VRAC" not in isere
    region = moderator_client.get(CHANGELIST, {"territoire": "region-84"}).content.decode()
    assert "Wimoov" in region and "VRAC" in region


def test_the_theme_filter_on_a_domain_finds_initiatives_of_its_thematiques(
    moderator_client, make_initiative
):
    make_initiative("Wimoov", status="pending", themes=["mobilite"])
    make_initiative("VRAC", status="pending", themes=["agriculture-alimentation"])
    mobilite = Theme.objects.get(slug="mobilite")

    by_domain = moderator_client.get(CHANGELIST, {"theme": mobilite.parent_id}).content.decode()

    assert "Wimoov" in by_domain and "VRAC" not in by_domain


def test_publishing_makes_pending_initiatives_findable(moderator_client, make_initiative):
    wimoov = make_initiative("Wimoov", status="pending")
    vrac = make_initiative("VRAC", status="pending")
    assert not Initiative.objects.published().search("Wimoov").exists()

    response = moderator_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [wimoov.pk, vrac.pk]}, follow=True
    )

    assert "2 initiatives publiées." in response.content.decode()
    wimoov.refresh_from_db()
    assert wimoov.status == Initiative.Status.PUBLISHED
    assert wimoov.published_at is not None
    assert list(Initiative.objects.published().search("Wimoov")) == [wimoov]
    assert list(Initiative.objects.published().search("VRAC")) == [vrac]


def test_publishing_counts_only_the_initiatives_it_changed(moderator_client, make_initiative):
    wimoov = make_initiative("Wimoov", status="published")
    vrac = make_initiative("VRAC", status="pending")
    published_at = wimoov.published_at

    response = moderator_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [wimoov.pk, vrac.pk]}, follow=True
    )

    assert "1 initiative publiée." in response.content.decode()
    wimoov.refresh_from_db()
    assert wimoov.published_at == published_at


def test_archiving_hides_initiatives_from_the_search(moderator_client, make_initiative):
    wimoov = make_initiative("Wimoov")
    assert Initiative.objects.published().search("Wimoov").exists()

    response = moderator_client.post(
        CHANGELIST, {"action": "archive", "_selected_action": [wimoov.pk]}, follow=True
    )

    assert "1 initiative archivée." in response.content.decode()
    wimoov.refresh_from_db()
    assert wimoov.status == Initiative.Status.ARCHIVED
    assert not Initiative.objects.published().search("Wimoov").exists()


def test_editing_the_themes_updates_the_search_filters(moderator_client, make_initiative):
    initiative = make_initiative("Wimoov", themes=["mobilite"], commune="commune-38563")
    logement = Theme.objects.get(slug="logement")

    response = moderator_client.post(
        change_url(initiative), change_form_data(initiative, themes=[logement.pk])
    )

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.theme_ids == sorted([logement.pk, logement.parent_id])
    assert Initiative.objects.published().with_themes([logement]).get() == initiative


def test_adding_a_funder_in_the_inline_makes_the_initiative_found_by_its_name(
    moderator_client, make_initiative, make_actor
):
    initiative = make_initiative("Wimoov")
    funder = make_actor("Fondation Cognacq-Jay", kind="fondation")
    data = change_form_data(
        initiative,
        **{
            "roles-TOTAL_FORMS": "1",
            "roles-0-actor": funder.pk,
            "roles-0-role": "financeur",
            "roles-0-programme": "",
        },
    )

    response = moderator_client.post(change_url(initiative), data)

    assert response.status_code == 302
    assert list(Initiative.objects.published().search("Cognacq")) == [initiative]


def test_a_programme_of_another_actor_is_refused(
    moderator_client, make_initiative, make_actor, make_programme
):
    initiative = make_initiative("Wimoov")
    funder = make_actor("Fondation MACIF", kind="fondation")
    bpifrance = make_actor("Bpifrance", kind="banque")
    fiso = make_programme("Fonds d’Innovation Sociale", actors=[bpifrance])
    data = change_form_data(
        initiative,
        **{
            "roles-TOTAL_FORMS": "1",
            "roles-0-actor": funder.pk,
            "roles-0-role": "financeur",
            "roles-0-programme": fiso.pk,
        },
    )

    response = moderator_client.post(change_url(initiative), data)

    assert response.status_code == 200
    assert "Ce programme est mené par d’autres acteurs : Bpifrance." in response.content.decode()
    assert not initiative.roles.exists()


def test_publishing_in_the_form_sets_the_publication_date(moderator_client, make_initiative):
    initiative = make_initiative("Wimoov", status="pending", commune="commune-38563")

    moderator_client.post(change_url(initiative), change_form_data(initiative, status="published"))

    initiative.refresh_from_db()
    assert initiative.published_at is not None
    assert Initiative.objects.published().search("Wimoov").get() == initiative


def test_a_site_added_without_a_position_is_placed_in_its_commune_and_found_there(
    moderator_client, make_initiative, territory
):
    initiative = make_initiative("Wimoov")
    voiron = territory("commune-38563")
    site = {"name": "Plateforme de Voiron", "address": "", "commune": voiron.pk, "point": ""}
    data = change_form_data(
        initiative,
        **{"sites-TOTAL_FORMS": "1", "sites-0-position": "0"},
        **{f"sites-0-{name}": value for name, value in site.items()},
    )

    response = moderator_client.post(change_url(initiative), data)

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.sites.get().point == voiron.point
    # Its main site, copied onto the initiative, and its place in the search index.
    assert (initiative.commune, initiative.point) == (voiron, voiron.point)
    isere = territory("departement-38")
    assert list(Initiative.objects.published().in_territory(isere)) == [initiative]
    assert list(Initiative.objects.published().search("Voiron")) == [initiative]


def test_the_map_script_runs_under_the_content_security_policy(moderator_client, make_initiative):
    initiative = make_initiative("Wimoov", commune="commune-38563")

    response = moderator_client.get(change_url(initiative))

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    nonce = re.fullmatch(r"'self' 'nonce-([^']+)'", policy["script-src"]).group(1)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    inline_scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode())
        if "src=" not in tag and 'type="application/json"' not in tag
    ]
    assert inline_scripts  # django-leaflet's map set-up
    assert all(f'nonce="{nonce}"' in tag for tag in inline_scripts)


def test_pages_without_a_map_keep_scripts_to_static_files(admin_client):
    response = admin_client.get(CHANGELIST)

    assert "script-src 'self';" in response["Content-Security-Policy"] + ";"
    assert "nonce" not in response["Content-Security-Policy"]


def test_a_visitor_who_is_not_staff_is_sent_to_the_login_page(client, db):
    client.force_login(User.objects.create_user("citoyenne", password="un mot de passe solide"))

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
