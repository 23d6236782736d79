"""The site's URLs and one page that fails, to show the 500 page."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from carrefour import urls as site_urls


@csrf_exempt  # so that a form can reach it through the real WSGI handler
def broken(request):
    raise RuntimeError("a defect")


urlpatterns = [path("panne/", broken), *site_urls.urlpatterns]
handler500 = site_urls.handler500
