from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatives.directory import exports
from opendata import links
from opendata.formats import FORMATS, export_bytes
from opendata.tableschema import LICENCE, table_schema
from sources.models import Source

# Exports are read again by partners' tools: a few minutes old is fine.
EXPORT_SECONDS = 300


@require_GET
def index(request):
    sources = Source.objects.with_published_counts().filter(published_count__gt=0)
    ctx = {
        "sources": list(sources),
        "licence": LICENCE,
        "schema_url": reverse("opendata:schema"),
    }
    return render(request, "opendata/index.html", ctx)


@require_GET
def schema(request):
    homepage = links.absolute(reverse("opendata:index"))
    return JsonResponse(
        table_schema(homepage), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


@require_GET
def initiatives_csv(request):
    return _export(request, FORMATS["csv"])


@require_GET
def initiatives_json(request):
    return _export(request, FORMATS["json"])


@require_GET
def initiatives_geojson(request):
    return _export(request, FORMATS["geojson"])


@require_GET
def initiatives_jsonld(request):
    return _export(request, FORMATS["jsonld"])


def _export(request, export_format):
    """The initiatives of the directory's parameters in `request`, in the order of
    the list, streamed in `export_format`."""
    filterset = exports.export_search(request.GET)
    if not filterset.is_valid():
        return _invalid(filterset.errors)
    response = StreamingHttpResponse(
        export_bytes(export_format, filterset), content_type=export_format.content_type
    )
    filename = f"initiatives.{export_format.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={EXPORT_SECONDS}"
    # Published fiches are open data: other sites' pages may read them.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _invalid(errors):
    fields = {name: [str(message) for message in messages] for name, messages in errors.items()}
    message = _("Paramètres invalides : %(names)s.") % {"names": ", ".join(fields)}
    return JsonResponse(
        {"erreur": message, "champs": fields}, status=400, json_dumps_params={"ensure_ascii": False}
    )
