"""The site's URLs and one page that fails, to show the 500 page."""

from django.urls import path

from carrefour import urls as site_urls


def broken(request):
    raise RuntimeError("a defect")


urlpatterns = [path("panne/", broken), *site_urls.urlpatterns]
handler500 = site_urls.handler500
