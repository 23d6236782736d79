"""What a visitor puts in an address: its path and its query string.

PostgreSQL refuses a NUL character in any string, and no other control
character has a meaning in a search, a slug or a territory key. Rather than
trust every view, filter and future endpoint to strip them, the middleware
answers 400 before any view runs. Tabs and line breaks pass: views read them as
spaces. Form fields sent by POST are not concerned: Django's form fields refuse
a NUL character with a message, keeping what was typed.

A query string that is not valid UTF-8 is decoded by Django with replacement
characters (U+FFFD), which PostgreSQL stores and searches like any other.
"""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control_characters(request):
    """Whether the path or any name or value of the query string holds one."""
    if CONTROL_CHARACTERS.search(request.path_info):
        return True
    return any(
        CONTROL_CHARACTERS.search(name) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for name, values in request.GET.lists()
    )


def refuse_control_characters(get_response):
    """Middleware: a French 400 page for an address holding control characters."""

    def middleware(request):
        if has_control_characters(request) and request.path_info.startswith("/api/"):
            # The API answers JSON, errors included, readable by any site.
            response = JsonResponse(
                {"erreur": _("L’adresse contient des caractères de contrôle."), "champs": {}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Access-Control-Allow-Origin"] = "*"
            return response
        if has_control_characters(request):
            return render(request, "control_characters.html", status=400)
        return get_response(request)

    return middleware


def typed_text(request, max_length, name="q"):
    """The text typed in parameter `name`, on one line, without control
    characters, at most `max_length` characters: for the autocompletes, which
    may be called without the middleware (tests, benchmarks)."""
    text = CONTROL_CHARACTERS.sub(" ", request.GET.get(name, ""))
    return " ".join(text.split())[:max_length]
