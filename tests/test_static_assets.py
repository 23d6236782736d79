"""Leaflet's marker images are named on the page, so hashed static names still work."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_map_pages_name_the_marker_image_by_its_static_address(visitor, make_initiative):
    make_initiative("Wimoov", commune="commune-75056", point="POINT(2.35 48.85)")

    page = visitor.get("/initiatives/wimoov/").content.decode()

    tag = re.search(r'<script src="/static/js/leaflet-icons.js"[^>]*>', page).group(0)
    icons = re.findall(r'data-icon(?:-retina)?="/static/([^"]+)"', tag)
    assert len(icons) == 2
    assert all(finders.find(icon) for icon in icons)
