"""axe-core on the main pages: no serious or critical violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/initiatives/",
        "/initiatives/?q=alimentation&territoire=region-84",
        "/initiatives/?pres_de=commune-69123&rayon=50",
        "/initiatives/wimoov/",
        "/acteurs/",
        "/acteurs/bpifrance/",
        "/programmes/",
        "/programmes/?q=pret&territoire=departement-38&ouvert=true",
        "/programmes/fiso/",
        "/initiatives/?q=FISO",
        "/initiatives/domb-innov/",
        "/thematiques/cadre-de-vie/",
        "/sources/",
        "/sources/la-france-s-engage/",
        "/territoires/commune-69123/",
        "/territoires/region-84/",
        "/carte/",
        "/carte/?thematique=mobilite",
        "/api/v1/docs/",
    ],
)
def test_the_page_has_no_serious_accessibility_violation(page, axe, path):
    page.goto(path)
    if page.locator("[data-directory-map]").count():
        page.wait_for_selector("[data-directory-map][data-state='ready']")
    assert axe() == []
