"""The same page in every language of the interface, for the language switch
and the `hreflang` links search engines read."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    url: str
    is_current: bool


def page_versions(request):
    """[Version…] of the requested page, one per language, its query string kept."""
    current = get_language()
    path = request.get_full_path()
    return [
        Version(
            code=code,
            name=capfirst(get_language_info(code)["name_local"]),
            url=translate_url(path, code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]
