"""Open data: the directory's exports, feeds and widget (/donnees/, /integrer/, /widget/)."""

from django.urls import path

from opendata import feeds, widget

app_name = "opendata"

urlpatterns = [
    # Feeds and the embeddable widget.
    path("donnees/initiatives.atom", feeds.InitiativeFeed(), name="feed"),
    path("widget/", widget.widget, name="widget"),
    path("integrer/", widget.integrate, name="integrate"),
]
