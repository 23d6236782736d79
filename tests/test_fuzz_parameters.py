"""Hostile parameters on every public address: never a 5xx.

The addresses come from the URLconf itself (the admin aside: it is Django's
and needs staff), so a new page is fuzzed as soon as it is routed. Path
parameters take the demo directory's slugs and territory keys, or hostile
text; the query string mixes every parameter the site reads (the directory's
filters, the map's viewport, the contact form's presets, the inbox's filters,
pagination, the login's `next`) with unknown names, repeated names, NUL and
control characters, huge, negative and non-finite numbers, any Unicode, long
strings and bytes that are not UTF-8. Each request comes from a visitor or
from a logged-in holder.

Hypothesis runs derandomized (tests/conftest.py): every run sends the same
requests; `HYPOTHESIS_PROFILE=explore` searches further, at random. The
number of requests and their statuses are printed after the module.
"""

import collections
import itertools
import json
import re
import secrets
from urllib.parse import quote, quote_from_bytes

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from actors.models import Actor
from carrefour.sitemaps import SITEMAPS
from contacts.filters import InboxFilter
from contacts.models import ContactRequest
from contacts.services import contact_request_create
from initiatives.directory.maps import ViewportForm
from initiatives.filters import SORT_CHOICES, InitiativeFilter
from initiatives.management.commands.load_demo import DEMO_DIRECTORY
from initiatives.models import Initiative
from themes.taxonomy import DOMAINS, PUBLICS

# Random requests for the whole module, shared among the routes.
REQUESTS_BUDGET = 1600
DRAFT_SLUG = "brouillon-de-marie"


def public_routes(patterns=None, prefix=""):
    """Every route of the URLconf, as written: "initiatives/<slug:slug>/"."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from public_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry.pattern, RoutePattern):
            yield prefix + str(entry.pattern)


ROUTES = sorted(set(public_routes()))
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")

# The demo directory, read from its files.
INITIATIVES = [row["slug"] for row in json.loads((DEMO_DIRECTORY / "initiatives.json").read_text())]
ACTORS = [row["slug"] for row in json.loads((DEMO_DIRECTORY / "actors.json").read_text())]
SOURCES = [row["slug"] for row in json.loads((DEMO_DIRECTORY / "sources.json").read_text())]
TERRITORY_KEYS = sorted(
    set(
        re.findall(
            r"(?:region|departement|epci|commune)-\w+",
            (DEMO_DIRECTORY / "initiatives.json").read_text(),
        )
    )
)
THEMES = [slug for slug, _name, themes in DOMAINS for slug in [slug, *(t[1] for t in themes)]]
PUBLIC_SLUGS = [slug for slug, _name in PUBLICS]
PLACES = [*TERRITORY_KEYS, "Voiron", "38500", "Voiron (38500)", "saint", "pays-fr", "commune-0"]

# Hostile text, for any parameter. Control characters are drawn apart: the
# site refuses them before any view runs, and views must be reached too.
# Inserted in every pair (mostly its value) of one request in four.
CONTROL_CHARACTERS = st.sampled_from(["\x00", "\x00", "\x00", "\x00", "\x01", "\x1b[31m", "\x0c"])
ANY_TEXT = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40)
EXTREMES = ["99999999999999999999", str(2**63), "9" * 400, "-1", "-99999999999999999999"]
EXTREMES += ["0", "-0", "1e309", "-1e309", "nan", "inf", "1.5", "0x10", " 3 ", "٣", "１２", "+5"]
NUMBERS = st.one_of(
    st.sampled_from(EXTREMES),
    st.integers().map(str),
    st.floats().map(str),
)
LONG = st.sampled_from(["é", "a ", "Voiron ", "%", "'", "&", "😀"]).flatmap(
    lambda piece: st.integers(min_value=100, max_value=5000).map(lambda n: piece * n)
)
NUMBER_LISTS = st.lists(NUMBERS, max_size=6).map(",".join)


def good(*values):
    return st.sampled_from([str(value) for value in values])


# Every parameter a page reads, with values it understands.
KNOWN = {
    "q": good("vélo", "mobilite", "Wimov", "insertion emploi", '"épicerie solidaire"', "-vélo"),
    "thematique": good(*THEMES),
    "public": good(*PUBLIC_SLUGS),
    "territoire": good(*PLACES),
    "pres_de": good(*PLACES),
    "rayon": good(1, 20, 200, 201, 0),
    "etape": good(*Initiative.Stage.values),
    "structure": good(*Initiative.Structure.values),
    "acteur": good(*ACTORS),
    "source": good(*SOURCES),
    "tri": good(*(value for value, _label in SORT_CHOICES)),
    "page": good(1, 2, "last", 0, 99999),
    "p": good(1, 2, 0, 99999),
    "bbox": good("4,45,6,46", "-180,-90,180,90", "6,45,4,46", "5.5,45.3,5.6,45.4"),
    "zoom": good(0, 5, 10, 11, 20, 21),
    "type": good(*Actor.Kind.values),
    "profil": good(*ContactRequest.SenderKind.values),
    "objet": good(*ContactRequest.Purpose.values),
    "fiche": good(DRAFT_SLUG, *INITIATIVES),
    # The two territories of /territoires/comparer/.
    "a": good(*PLACES),
    "b": good(*PLACES),
    "next": good("/mon-espace/", "https://ailleurs.example/", "//ailleurs.example"),
}
# Read from the forms, so that a new filter is fuzzed too (with hostile values).
NAMES = sorted(
    {
        *KNOWN,
        *InitiativeFilter.base_filters,
        *ViewportForm.base_fields,
        *InboxFilter.base_filters,
    }
)
PATH_SAMPLES = {
    "slug": [*INITIATIVES, *ACTORS, *THEMES, *SOURCES, DRAFT_SLUG],
    "key": [*TERRITORY_KEYS, "region-84", "departement-38", "epci-243800984", "pays-fr"],
    "cle": [*TERRITORY_KEYS, "region-84", "departement-38", "pays-fr"],
    "section": list(SITEMAPS),
}


HOSTILE = {"text": ANY_TEXT, "number": NUMBERS, "long": LONG, "numbers": NUMBER_LISTS}
KINDS = ["known", "known", "number", *HOSTILE]


# Besides the random requests, each route gets each of these in every
# parameter at once (it then reaches every view with, say, a NUL byte in
# whatever it reads), then after the demo values of its path.
EDGE_VALUES = ["Voiron\x00", "\x1b[31m", "99999999999999999999", "-99999999999999999999"]
EDGE_VALUES += ["-1", "0", "1e309", "nan", "é" * 5000, ",,,", ""]


@st.composite
def with_control(draw, text):
    """`text` with a control character somewhere."""
    at = draw(st.integers(min_value=0, max_value=len(text)))
    return text[:at] + draw(CONTROL_CHARACTERS) + text[at:]


@st.composite
def query_strings(draw):
    """A query string: parameters the site reads and unknown ones, some
    repeated, with good or hostile values; control characters in one request
    in four, raw bytes in one in ten."""
    control = draw(st.sampled_from([True, False, False, False]))

    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    names += draw(st.lists(ANY_TEXT, max_size=1))
    pairs = []
    for name in names:
        for _repeat in range(draw(st.sampled_from([1, 1, 1, 1, 2, 3]))):
            kind = draw(st.sampled_from(KINDS))
            value = draw(KNOWN.get(name, ANY_TEXT) if kind == "known" else HOSTILE[kind])
            pair = [name, value]
            if control:
                # Mostly in the value, so that the view reads it.
                where = draw(st.sampled_from([1, 1, 1, 0]))
                pair[where] = draw(with_control(pair[where]))
            pairs.append("=".join(quote(text, safe="") for text in pair))
    if draw(st.sampled_from([True, *[False] * 9])):
        # Not UTF-8, or badly escaped: sent as such by scanners, never by browsers.
        pairs.append(draw(st.binary(max_size=12).map(quote_from_bytes)) + "=%zz%")
    return "&".join(pairs)


@st.composite
def paths(draw, route):
    """The route with demo values or hostile text in its parameters."""

    def fill(match):
        name = match.group(1)
        samples = PATH_SAMPLES.get(name)
        hostile = st.one_of(ANY_TEXT, NUMBERS, LONG)
        text = draw(st.one_of(st.sampled_from(samples), hostile) if samples else hostile)
        if draw(st.sampled_from([True, False, False, False])):
            text = draw(with_control(text))
        return quote(text, safe="") or "x"

    return "/" + PARAMETER.sub(fill, route)


def filled(route, values):
    values = iter(values)
    return "/" + PARAMETER.sub(lambda match: quote(next(values), safe="") or "x", route)


def real_values(route, client, statuses):
    """The first demo values of the route's parameters it has a page for."""
    names = PARAMETER.findall(route)
    candidates = itertools.product(*(PATH_SAMPLES.get(name, ["x"]) for name in names))
    candidates = list(itertools.islice(candidates, 200))
    for values in candidates:
        status = client.get(filled(route, values)).status_code
        statuses[status] += 1
        if status != 404:
            return values
    return candidates[0]


def edge_examples(route, client, statuses):
    """(path, query, logged_in) for each edge value in every query parameter,
    then after every path parameter."""
    values = real_values(route, client, statuses)
    for edge in EDGE_VALUES:
        yield (
            filled(route, values),
            "&".join(f"{name}={quote(edge, safe='')}" for name in NAMES),
            True,
        )
        if values:
            yield filled(route, [value + edge for value in values]), "", False


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory and Marie, holder of a published fiche, a draft and
    a contact request; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        marie = User.objects.create_user("marie@example.org", "marie@example.org", "secret")
        wimoov = Initiative.objects.get(slug="wimoov")
        wimoov.holders.add(marie)
        draft = Initiative.objects.create(
            name="Brouillon de Marie", slug=DRAFT_SLUG, status=Initiative.Status.DRAFT
        )
        draft.holders.add(marie)
        contact_request_create(
            recipient=wimoov,
            token=secrets.token_hex(16),
            name="Camille",
            email="camille@example.org",
            organisation="",
            sender_kind="elu",
            purpose="essaimage",
            territory=None,
            message="Bonjour",
        )
        yield marie
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def statuses(pytestconfig):
    seen = collections.Counter()
    yield seen
    figures = ", ".join(f"{status}: {count}" for status, count in sorted(seen.items()))
    # Shown even when pytest captures the output of tests.
    plugins = pytestconfig.pluginmanager
    with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
        plugins.get_plugin("terminalreporter").write_line(
            f"\nFuzz: {seen.total()} requests on {len(ROUTES)} routes (statuses {figures})"
        )


def test_every_public_route_is_fuzzed():
    assert "territoires/suggestions/" in ROUTES
    assert "initiatives/<slug:slug>/contacter/" in ROUTES
    assert not [route for route in ROUTES if route.startswith("admin/")]


@pytest.mark.parametrize("route", ROUTES)
def test_hostile_parameters_never_give_a_server_error(route, demo_directory, statuses, db):
    visitor = Client()
    holder = Client()
    holder.force_login(demo_directory)

    exploring = not settings.default.derandomize

    @settings(
        max_examples=settings.default.max_examples if exploring else REQUESTS_BUDGET // len(ROUTES),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(path=paths(route), query=query_strings(), logged_in=st.booleans())
    def request_once(path, query, logged_in):
        client = holder if logged_in else visitor
        # A database error must not abort the transaction of the next requests.
        with transaction.atomic():
            response = client.get(path, QUERY_STRING=query)
        statuses[response.status_code] += 1
        assert response.status_code < 500, f"{path}?{query}"

    for path, query, logged_in in edge_examples(route, holder, statuses):
        request_once = example(path=path, query=query, logged_in=logged_in)(request_once)
    if not exploring:
        # Derandomized, every route would draw the same queries: one seed each.
        request_once = seed(route)(request_once)
    request_once()
