import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from actors.models import Actor
from carrefour import health as health_checks
from initiatives import directory
from initiatives.directory.cards import cards
from initiatives.models import Initiative


def home(request):
    recent = Initiative.objects.published().order_by("-published_at", "-id")[:6]
    ctx = {
        "overview": directory.overview(),
        "actors_count": Actor.objects.published().count(),
        "recent": cards(recent),
    }
    return render(request, "home.html", ctx)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
@never_cache
def health(request, checks=health_checks.CHECKS):
    """200 when every check passes, 503 otherwise; figures only, never private data."""
    ok, results = health_checks.run_checks(checks)
    payload = {"statut": "ok" if ok else "erreur", "verifications": results}
    return JsonResponse(
        payload, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
@cache_control(max_age=86400)
def web_manifest(request):
    """The web app manifest: the name and icons a phone shows for the portal."""
    manifest = {
        "name": _("%(site)s — les innovations sociales en France") % {"site": settings.SITE_NAME},
        "short_name": settings.SITE_NAME,
        "description": _("L’annuaire ouvert des innovations sociales en France."),
        "lang": "fr",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#fafbfc",
        "theme_color": "#1d4e89",
        "icons": [
            {"src": static("icons/favicon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("icons/icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("icons/icon-512.png"), "type": "image/png", "sizes": "512x512"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "type": "image/png",
                "sizes": "512x512",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def favicon(request):
    """/favicon.ico, which some browsers and crawlers ask for whatever the page says."""
    return redirect(static("icons/favicon.ico"), permanent=True)


# A Mastodon server's host name: letters, digits, hyphens and dots, with a dot.
MASTODON_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


@require_GET
def share_mastodon(request):
    """Share a page of the portal on the visitor's own Mastodon server, without
    JavaScript: the share block's form sends the server's name here."""
    instance = request.GET.get("instance", "").strip().lower().removeprefix("https://")
    instance = instance.split("/")[0].split("@")[-1]
    page = request.GET.get("page", "")
    if not MASTODON_HOST.fullmatch(instance) or not page.startswith("/") or "//" in page:
        return HttpResponseBadRequest(
            _("Indiquez le nom de votre serveur Mastodon, par exemple mastodon.social."),
            content_type="text/plain; charset=utf-8",
        )
    text = f"{request.GET.get('titre', '')[:200]} {settings.SITE_URL}{page}".strip()
    return redirect(f"https://{instance}/share?{urlencode({'text': text})}")
