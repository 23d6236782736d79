from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from actors.models import Actor
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
