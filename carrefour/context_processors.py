import functools

from django.conf import settings

from carrefour.languages import page_versions


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "tiles_url": settings.TILES_URL,
        "tiles_attribution": settings.TILES_ATTRIBUTION,
    }


def languages(request):
    # Lazy: resolving the address is only paid by the pages that show the switch;
    # once, though base.html reads it twice (the hreflang links and the switch).
    return {"page_versions": functools.cache(lambda: page_versions(request))}
