"""Open data: the directory's exports, feeds and widget (/donnees/, /integrer/, /widget/)."""

app_name = "opendata"

urlpatterns = []
