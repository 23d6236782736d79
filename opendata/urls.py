"""Open data: the directory's exports, feeds and widget (/donnees/, /integrer/, /widget/)."""

from django.urls import path

from opendata import feeds, views, widget

app_name = "opendata"

urlpatterns = [
    # Exports of any search and their schema.
    path("donnees/", views.index, name="index"),
    path("donnees/schema.json", views.schema, name="schema"),
    path("donnees/initiatives.csv", views.initiatives_csv, name="csv"),
    path("donnees/initiatives.json", views.initiatives_json, name="json"),
    path("donnees/initiatives.geojson", views.initiatives_geojson, name="geojson"),
    path("donnees/initiatives.jsonld", views.initiatives_jsonld, name="jsonld"),
    # Feeds and the embeddable widget.
    path("donnees/initiatives.atom", feeds.InitiativeFeed(), name="feed"),
    path("widget/", widget.widget, name="widget"),
    path("integrer/", widget.integrate, name="integrate"),
]
