"""What an alert follows: a search of the directory, read by the directory's one
FilterSet, so that an alert means exactly what its list means.

A search is stored as a normalised query string: only the filters the FilterSet
understood, each as its key or slug, in a fixed order, without sort nor page.
Two URLs of the same search (a territory page and /initiatives/?territoire=…)
give the same query, hence the same alert.
"""

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from initiatives.directory.cards import CARD_FIELDS, card
from initiatives.filters import ACTIVE_FILTERS, InitiativeFilter
from initiatives.models import Initiative

# A description stays readable in a subject line and a table.
DESCRIPTION_MAX = 250


def alert_filter(params, queryset=None):
    """The directory's FilterSet on `params` (a QueryDict or a dict), validated."""
    if queryset is None:
        queryset = Initiative.objects.published()
    filterset = InitiativeFilter(params, queryset=queryset)
    filterset.is_valid()
    return filterset


def normalised_query(filterset):
    """The query string of the filters `filterset` understood: "thematique=mobilite&…"."""
    data = filterset.form.cleaned_data
    query = QueryDict(mutable=True)
    for name in ACTIVE_FILTERS:
        value = data.get(name)
        if not value:
            continue
        if name == "q":
            query[name] = " ".join(value.split())
        elif isinstance(value, (list, tuple, QuerySet)):
            query.setlist(name, sorted(_parameter(item) for item in value))
        else:
            query[name] = _parameter(value)
    if filterset.origin is not None:
        query["rayon"] = filterset.radius
    return query.urlencode()


def _parameter(value):
    """A filter's cleaned value as the list's URLs write it: a territory by its
    key, a theme, an actor or a source by its slug, a choice as itself."""
    for attribute in ("key", "slug"):
        if hasattr(value, attribute):
            return str(getattr(value, attribute))
    return str(value)


def describe(filterset, *, typed_words=True):
    """The search in French words: "Mobilité à Voiron", "« vélo », Jeunes — Isère (38)".

    Without `typed_words`, the words searched for are not quoted: the text of an
    email sent to an address not confirmed yet is never one anybody can choose.
    """
    data = filterset.form.cleaned_data
    what = []
    if data.get("q") and typed_words:
        what.append(f"« {' '.join(data['q'].split())} »")
    elif data.get("q"):
        what.append(_("mots-clés choisis"))
    # In the order of the stored query: the same search, the same words.
    themes = sorted(data.get("thematique") or [], key=lambda theme: theme.slug)
    if themes:
        what.append(_joined([theme.name for theme in themes]))
    publics = sorted(data.get("public") or [], key=lambda public: public.slug)
    if publics:
        names = _joined([public.name for public in publics])
        what.append(_("public : %(names)s") % {"names": names})
    if data.get("etape"):
        what.append(_("étape : %(stage)s") % {"stage": Initiative.Stage(data["etape"]).label})
    if data.get("structure"):
        label = Initiative.Structure(data["structure"]).label
        what.append(_("structure : %(kind)s") % {"kind": label})
    if data.get("acteur"):
        what.append(_("soutenues par %(name)s") % {"name": data["acteur"].name})
    if data.get("source"):
        what.append(_("listées par %(name)s") % {"name": data["source"].name})
    named = {"q", "thematique", "public", "etape", "structure", "acteur", "source"}
    named |= {"territoire", "pres_de"}
    for name, value in filterset.active:
        if name not in named:
            # A filter added to the directory later: its value's own words.
            what.append(str(getattr(value, "name", value)))
    text = ", ".join(what) if what else _("Toutes les initiatives")
    text = str(capfirst(text))
    if filterset.territory is not None:
        text = f"{text} {_place(filterset.territory)}"
    if filterset.origin is not None:
        around = _("à moins de %(radius)s km de %(name)s")
        text = f"{text} {around % {'radius': filterset.radius, 'name': filterset.origin.name}}"
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rstrip() + "…"
    return text


def _joined(names):
    if len(names) == 1:
        return names[0]
    return _("%(names)s et %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _place(territory):
    """Where the search looks: "à Voiron" for a commune, "— Isère (38)" otherwise
    (French cannot be sure of the article of a département or an EPCI)."""
    if territory.kind == territory.Kind.COMMUNE:
        name = territory.name
        for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
            if name.startswith(article):
                return contracted + name[len(article) :]
        return _("à %(name)s") % {"name": name}
    return f"— {territory}"


def digest_filter(alert, *, since, until):
    """The FilterSet of `alert`'s search on the published initiatives published
    in (since, until] and never sent by it; None when the stored search no
    longer reads (an actor or a territory gone): an alert never widens to the
    whole directory."""
    published = (
        Initiative.objects.published()
        .filter(published_at__gt=since, published_at__lte=until)
        .exclude(pk__in=alert.sent.values("initiative_id"))
    )
    filterset = alert_filter(QueryDict(alert.query), published)
    return None if filterset.errors else filterset


def new_initiatives(filterset, *, limit):
    """The initiatives of a digest's FilterSet: (how many, [(id, card)…] of the
    first `limit`), in the order of the list.

    The same queries however many initiatives match: the cards, and a count
    when there are more than `limit`.
    """
    found = filterset.qs
    rows = list(found.values("id", *CARD_FIELDS)[:limit])
    count = found.count() if len(rows) == limit else len(rows)
    return count, [(row["id"], card(row, filterset.territory)) for row in rows]
