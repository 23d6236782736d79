from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from carrefour import health as health_checks
from carrefour import views
from carrefour.sitemaps import SITEMAPS

# Pages exist in every language of LANGUAGES: French at /, English under /en/.
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("initiatives/", include("initiatives.urls")),
    path("carte/", include("initiatives.map_urls")),
    path("acteurs/", include("actors.urls")),
    path("programmes/", include("actors.programme_urls")),
    path("thematiques/", include("themes.urls")),
    path("territoires/", include("territories.urls")),
    path("sources/", include("sources.urls")),
    path("", include("opendata.urls")),
    # Before any other /mon-espace/ route: /mon-espace/messages/ is the contacts app's;
    # so are the contact forms under /initiatives/<slug>/ and /acteurs/<slug>/.
    path("", include("contacts.urls")),
    # The alerts' pages: /alertes/… and their management under /mon-espace/alertes/.
    path("", include("alerts.urls")),
    path("", include("accounts.urls")),
    path("", include("submissions.urls")),
    path("", include("moderation.urls")),
    path("", include("funders.urls")),
    path("", include("freshness.urls")),
    # The interface's strings for the scripts, in the page's language.
    path(
        "jsi18n/",
        cache_control(max_age=86400)(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
    prefix_default_language=False,
)

# Machine-readable addresses, the same in every language.
urlpatterns += [
    path("api/v1/", include("api.urls")),
    # An index of sections, each in pages of at most `limit` addresses: every
    # initiative is listed, however many there are.
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("manifest.webmanifest", views.web_manifest, name="web-manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("partager/mastodon/", views.share_mastodon, name="share-mastodon"),
    path("sante/", views.health, name="health"),
    path("sante/web/", views.health, {"checks": health_checks.WEB_CHECKS}, name="health-web"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Uploaded images; in production the web server serves MEDIA_ROOT (README).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Without the database too: a French 500, or a 503 with Retry-After while it is away.
handler500 = "carrefour.errors.server_error"
