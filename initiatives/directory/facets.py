"""The facets of a results page as sections of links, for
templates/includes/facets.html.

Each link refines (or, when selected, widens) the search the page shows. On
the list and the map the links keep the current query string; on a territory,
theme, actor or source page they lead to the list with that page's own filter.
"""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from carrefour.numbers import thousands

SELECTED = mark_safe(' aria-current="true" class="selected"')


@dataclass
class Link:
    """A facet value: its label, count and URL; selected if the search has it."""

    label: str
    count: str
    url: str
    selected: bool = False
    children: list = field(default_factory=list)

    @property
    def anchor(self):
        """The link and its count, as a list of facets shows them.

        A page shows a hundred: built here (escaped as format_html() would,
        without its per-argument checks), they cost a tenth of what a dozen
        template tags each did.
        """
        selected = SELECTED if self.selected else ""
        return mark_safe(
            f'<a href="{escape(self.url)}"{selected}>{escape(str(self.label))}</a>'
            f' <span class="count">{escape(self.count)}</span>'
        )


@dataclass
class Section:
    title: str
    links: list
    # Its counts are estimated: the search found more than it counts.
    estimated: bool = False

    @property
    def items(self):
        """Its links as list items, a domaine's with the list of its thématiques.

        A page lists eighty links or so: joined here, they cost a fifth of what
        two loops of template tags did.
        """
        return mark_safe("".join(_item(link) for link in self.links))


def _item(link):
    children = "".join(f"<li>{child.anchor}</li>" for child in link.children)
    return f"<li>{link.anchor}{f'<ul>{children}</ul>' if children else ''}</li>"


def facet_sections(results, territory, query, path=""):
    """The non-empty facet sections of `results`, as links from `query` (a
    QueryString) on `path` ("" for the current page); past the bound of exact
    counts, each count is marked as an estimate ("≈ 1 200")."""
    estimated = not results.exact

    def number(count):
        return f"≈\u00a0{thousands(count)}" if estimated else thousands(count)

    def toggle(name, value, label, count):
        return Link(label, number(count), path + query.toggle(name, value), query.has(name, value))

    def choose(name, value, label, count):
        return Link(label, number(count), path + query.choose(name, value), query.has(name, value))

    def place(facet):
        url = path + query.with_param("territoire", facet.value.key)
        return Link(facet.value.name, number(facet.count), url)

    def theme(facet):
        link = toggle("thematique", facet.value.slug, facet.value.name, facet.count)
        link.children = [theme(child) for child in facet.children]
        return link

    if territory:
        places_title = _("Dans le territoire %(name)s") % {"name": territory.name}
    else:
        places_title = _("Par région")
    sections = [
        Section(places_title, [place(facet) for facet in results.territories]),
        Section(_("Thématiques"), [theme(facet) for facet in results.themes]),
        Section(
            _("Publics"),
            [toggle("public", f.value.slug, f.value.name, f.count) for f in results.publics],
        ),
        Section(
            _("Étape"),
            [
                choose("etape", f.value.value, capfirst(f.value.label), f.count)
                for f in results.stages
            ],
        ),
        Section(
            _("Type de structure"),
            [
                choose("structure", f.value.value, capfirst(f.value.label), f.count)
                for f in results.structures
            ],
        ),
        Section(
            _("Acteurs"),
            [choose("acteur", f.value.slug, f.value.name, f.count) for f in results.actors],
        ),
        Section(
            _("Sources"),
            [choose("source", f.value.slug, f.value.name, f.count) for f in results.sources],
        ),
        Section(
            _("Labels et prix"),
            [choose("label", f.value.slug, f.value.name, f.count) for f in results.labels],
        ),
    ]
    for section in sections:
        section.estimated = estimated
    return [section for section in sections if section.links]
