from django.urls import URLPattern, path

from api import http
from api.views import api, docs

app_name = "api"


def _wrapped(patterns):
    """Every address of the API, its OpenAPI document included, through api_view."""
    for pattern in patterns:
        assert isinstance(pattern, URLPattern), pattern
        yield URLPattern(pattern.pattern, http.api_view(pattern.callback), name=pattern.name)


ninja_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    path("docs/", http.api_view(docs), name="docs"),
    *_wrapped(ninja_patterns),
]
