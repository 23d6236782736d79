"""The apps depend on each other in one direction (README, "How the directory is
built: a map of the house"): each part may import only the parts listed before it
in LAYERS, so that no two apps import each other."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "accounts",
    "alerts",
    "actors",
    "api",
    "bench",
    "carrefour",
    "contacts",
    "freshness",
    "funders",
    "initiatives",
    "moderation",
    "opendata",
    "outbox",
    "sources",
    "submissions",
    "territories",
    "themes",
]

# From the bottom up. "<app>" is an app's models, services, forms and helpers;
# "<app> entry points" are what Django calls: its URLs and views, its admin, its
# template tags and its commands, which nothing else imports but one another.
LAYERS = [
    "outbox",
    "carrefour",
    # The initiatives' model layer and search index, which other apps' models keep
    # right (initiatives.search_index) and name only by string otherwise.
    "initiatives models",
    "territories",
    "themes",
    "actors",
    # Partners listing initiatives: their listings keep the index right (the
    # source facet); the directory filters on them.
    "sources",
    # The one FilterSet and initiatives.directory, reading every app above.
    "initiatives directory",
    "initiatives",
    # A territory's dashboard: figures over the initiatives, actors and themes.
    "territories dashboard",
    "contacts",
    "submissions",
    # Applying partners' exports: a fiche edited on the site gets the import's
    # changes as a pending revision (submissions).
    "sources importer",
    "moderation",
    # Funders' and networks' space: actors' managers, support links, portfolios;
    # the personal space (accounts) lists them.
    "funders",
    # Alerts on searches: the directory's FilterSet and cards, the outbox.
    "alerts",
    # Yearly reminders: their answers create moderation reports and log decisions.
    "freshness",
    "accounts",
    # The read API: the directory and the models of the apps above, as JSON.
    "api",
    # Exports, feeds and the widget: the directory's search, read-only.
    "opendata",
    "territories entry points",
    "themes entry points",
    "actors entry points",
    # Its admin's inline of listings goes on the initiative's page.
    "sources entry points",
    "initiatives entry points",
    "contacts entry points",
    "submissions entry points",
    # Its admin extends the initiative's page (moderation.admin.ModeratedInitiativeAdmin).
    "moderation entry points",
    "funders entry points",
    # Its queue extends moderation's (moderation.admin.ModerationAdmin).
    "freshness entry points",
    "accounts entry points",
    "alerts entry points",
    "opendata entry points",
    "outbox entry points",
    "api entry points",
    # The home page, sitemaps, health checks and root URLs: every app.
    "carrefour entry points",
    "bench",
    "bench entry points",
]
INITIATIVES_MODELS = {
    "models",
    "querysets",
    "choices",
    "search_index",
    "map_cells",
    "facet_keys",
    "labels",
}
ENTRY_POINTS = {
    "views",
    "urls",
    "map_urls",
    "programme_urls",
    "admin",
    "admin_import",
    "sitemaps",
    "health",
}


def layer(module):
    """The layer of a dotted module name, e.g. "initiatives.directory.cards"."""
    app, *rest = module.split(".")
    if app == "initiatives" and rest[:1] and rest[0] in INITIATIVES_MODELS:
        return "initiatives models"
    if app == "initiatives" and rest[:1] and rest[0] in {"directory", "filters"}:
        return "initiatives directory"
    if app == "sources" and rest[:1] == ["importer"]:
        return "sources importer"
    if app == "territories" and rest[:1] == ["dashboard"]:
        return "territories dashboard"
    if rest[:1] and (rest[0] in ENTRY_POINTS or rest[0] in {"templatetags", "management"}):
        return f"{app} entry points"
    return app


def runtime_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" not in parts:
                yield ".".join(part for part in parts if part != "__init__"), path


def imported_modules(path):
    """The project's modules a file imports, anywhere in it (local imports too)."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from initiatives import search_index` imports initiatives.search_index.
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        yield from (name for name in names if name.split(".")[0] in APPS)


def test_each_part_imports_only_the_parts_below_it():
    wrong = []
    for module, path in runtime_modules():
        for imported in imported_modules(path):
            here, there = layer(module), layer(imported)
            if here != there and LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{module} ({here}) imports {imported} ({there})")
    assert wrong == []


def test_no_app_imports_the_views_or_urls_of_another():
    wrong = [
        f"{module} imports {imported}"
        for module, path in runtime_modules()
        for imported in imported_modules(path)
        if imported.split(".")[0] != module.split(".")[0]
        and set(imported.split(".")[1:]) & {"views", "urls", "map_urls"}
    ]
    assert wrong == []


def test_every_module_belongs_to_a_listed_layer():
    assert {layer(module) for module, _path in runtime_modules()} <= set(LAYERS)


def app(module):
    """The app of a module; the site's own pages (home, sitemaps, root URLs) apart
    from the helpers of carrefour that every app uses."""
    part = layer(module)
    return "carrefour site" if part == "carrefour entry points" else module.split(".")[0]


# The directory reads the models of these apps, whose pages list initiatives
# through it and whose models keep its search index right: one package each
# way, one direction between their layers.
INTERLEAVED = {
    frozenset({"initiatives", other}) for other in ("territories", "themes", "actors", "sources")
} | {
    # Programmes (actors) are eligible in territories, and a territory's
    # dashboard (its own layer, above the directory) lists who can help there.
    frozenset({"actors", "territories"})
}


def test_no_two_apps_import_each_other():
    edges = {
        (app(module), app(imported))
        for module, path in runtime_modules()
        for imported in imported_modules(path)
        if app(module) != app(imported)
    }
    both_ways = {frozenset(edge) for edge in edges if edge[::-1] in edges}
    assert both_ways - INTERLEAVED == set()
