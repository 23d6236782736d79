from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actors.models import Actor, Programme
from initiatives.models import Initiative
from sources.models import Source
from territories.models import Territory
from themes.models import Theme


class InitiativeSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Initiative.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, initiative):
        return initiative.updated_at


class ActorSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Actor.objects.published().only("slug").order_by("id")


class ProgrammeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Programme.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, programme):
        return programme.updated_at


class SourceSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Source.objects.only("slug").order_by("id")


class ThemeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.only("slug").order_by("id")


class TerritorySitemap(Sitemap):
    """Régions and départements: the entry points by territory."""

    changefreq = "weekly"

    def items(self):
        return Territory.objects.filter(kind__in=["region", "departement"]).only("kind", "code")


class PageSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "initiatives:list",
            "actors:list",
            "programmes:list",
            "themes:list",
            "sources:list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "initiatives": InitiativeSitemap,
    "acteurs": ActorSitemap,
    "programmes": ProgrammeSitemap,
    "sources": SourceSitemap,
    "thematiques": ThemeSitemap,
    "territoires": TerritorySitemap,
}
