"""A territory's dashboard printed to PDF by Chromium: a clean A4 document."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# 210 × 297 mm in points; Chromium rounds the page to whole pixels.
A4_POINTS = (595.3, 841.9)


def printed(page, path):
    page.goto(path)
    page.wait_for_selector("[data-directory-map][data-state='ready']")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "\n".join(sheet.extract_text() for sheet in reader.pages)
    return reader, " ".join(text.split())


def test_the_dashboard_prints_as_an_a4_document_without_the_site_around_it(page):
    reader, text = printed(page, "/territoires/region-84/")
    assert 2 <= len(reader.pages) <= 8
    for sheet in reader.pages:
        width, height = (float(value) for value in sheet.mediabox[2:])
        assert (width, height) == pytest.approx(A4_POINTS, abs=1.5)
    # What a council meeting needs, in order.
    parts = [
        "Auvergne-Rhône-Alpes",
        "Tableau de bord imprimé depuis",
        "Ce qui existe ici",
        "Initiatives par domaine",
        "Ce qui manque",
        "À essaimer chez vous",
        "Qui peut aider",
        "Toutes les initiatives",
    ]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, dict(zip(parts, positions, strict=True))
    assert positions == sorted(positions)
    assert re.search(r"\d+ initiatives? situées? ou actives? dans le territoire", text)
    # Neither the site's header and footer, nor the links and forms of the screen.
    for absent in [
        "Rechercher une initiative",
        "Proposer une initiative",
        "Télécharger la liste",
        "Contacter pour essaimer",
        "Aller au contenu",
        "Les sources partenaires",
    ]:
        assert absent not in text, absent


def test_a_commune_prints_its_figures_and_neighbours(page):
    reader, text = printed(page, "/territoires/commune-69123/")
    assert 1 <= len(reader.pages) <= 6
    assert "Lyon" in text and "Initiatives par étape" in text
    assert "Territoires voisins (commune)" in text and "Villeurbanne" in text
