from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
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
