"""Which programmes an initiative may be eligible for, and why; which
initiatives a programme may support.

A programme's eligibility fields left empty mean "any". An initiative is inside
a programme's territory when one of its sites or action territories is (its
`area_ids`, kept by the search index, hold every territory containing them);
a national programme is open everywhere.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Call, Programme
from initiatives.choices import Stage, Structure
from initiatives.models import Initiative, InitiativeActor
from territories.models import Territory
from themes.models import Public, Theme

# How a programme's calls stand on a day, in the order matches are shown.
OPEN, PERMANENT, UPCOMING, UNANNOUNCED, CLOSED = (
    "open",
    "permanent",
    "upcoming",
    "unannounced",
    "closed",
)
STATUS_ORDER = {OPEN: 0, PERMANENT: 1, UPCOMING: 2, UNANNOUNCED: 3, CLOSED: 4}


@dataclass
class Match:
    """A programme an initiative may be eligible for, with the reasons, its
    actors, and the call that matters: the open one closing first, the next to
    open, or the last closed."""

    programme: Programme
    reasons: list
    status: str
    call: Call | None = None
    actors: list = field(default_factory=list)

    @property
    def why(self):
        text = ", ".join(str(reason) for reason in self.reasons)
        return text[:1].upper() + text[1:]

    @property
    def sort_key(self):
        day = None
        if self.call is not None:
            day = self.call.closes_on if self.status != UPCOMING else self.call.opens_on
        days = day.toordinal() if day else 0
        # Closed calls: the most recently closed first.
        days = -days if self.status == CLOSED else days
        return (STATUS_ORDER[self.status], days, -len(self.reasons), self.programme.name)


# Reasons are put into words only when shown: most matches never are.
NATIONWIDE = _("toute la France")
REGION = _("Région %(value)s")
THEME = _("thématique %(value)s")
PUBLIC = _("public %(value)s")
STAGE = _("étape %(value)s")
AS_IS = "%(value)s"


@dataclass(frozen=True)
class Reason:
    """One reason why an initiative matches a programme."""

    template: object
    value: object = None

    def __str__(self):
        if self.value is None:
            return str(self.template)
        return str(self.template) % {"value": self.value}


def territory_reason(territory):
    if territory.kind == Territory.Kind.REGION:
        return Reason(REGION, territory.name)
    if territory.kind == Territory.Kind.DEPARTEMENT:
        return Reason(AS_IS, f"{territory.name} ({territory.code})")
    return Reason(AS_IS, territory.name)


@dataclass
class Subject:
    """What matching reads of an initiative, read once for every programme."""

    areas: set
    themes: set
    publics: set
    stage: str
    structure: str

    @classmethod
    def of(cls, initiative):
        return cls(
            areas=set(initiative.area_ids),
            themes=set(initiative.theme_ids),
            publics=set(initiative.public_ids),
            stage=initiative.stage,
            structure=initiative.structure_type,
        )


def call_status(calls, is_permanent, today):
    """(status, call) of a programme with `calls` on `today`."""
    open_calls = [call for call in calls if call.status(today) == "open"]
    if open_calls:
        return OPEN, min(open_calls, key=lambda call: call.closes_on)
    if is_permanent:
        return PERMANENT, None
    upcoming = [call for call in calls if call.status(today) == "upcoming"]
    if upcoming:
        return UPCOMING, min(upcoming, key=lambda call: call.opens_on)
    if calls:
        return CLOSED, max(calls, key=lambda call: call.closes_on)
    return UNANNOUNCED, None


class Record(SimpleNamespace):
    """A related row as matching reads it: `pk` and its columns."""

    def __init__(self, row):
        super().__init__(pk=row["id"], **row)


@dataclass
class Eligibility:
    """What matching reads of a programme, from one row (see _candidates())."""

    programme: Programme
    territories: list
    themes: list
    publics: list
    calls: list
    actors: list

    @classmethod
    def from_row(cls, programme):
        def rows(name):
            return getattr(programme, name) or []

        # Plain records, not model instances: a few thousand per page.
        return cls(
            programme=programme,
            territories=[Record(row) for row in rows("territory_rows")],
            themes=[Record(row) for row in rows("theme_rows")],
            publics=[Record(row) for row in rows("public_rows")],
            calls=[
                Call(
                    programme_id=programme.pk,
                    name=row["name"],
                    opens_on=parse_date(row["opens_on"]) if row["opens_on"] else None,
                    closes_on=parse_date(row["closes_on"]),
                )
                for row in rows("call_rows")
            ],
            actors=[Record(row) for row in rows("actor_rows")],
        )

    def reasons_for(self, subject):
        """Why the initiative `subject` may be eligible (a list of Reason,
        possibly empty), or None when it is not."""
        programme = self.programme
        reasons = []
        if programme.is_national:
            reasons.append(Reason(NATIONWIDE))
        elif self.territories:
            inside = [place for place in self.territories if place.pk in subject.areas]
            if not inside:
                return None
            reasons.append(territory_reason(inside[0]))
        for related, ids, template in (
            (self.themes, subject.themes, THEME),
            (self.publics, subject.publics, PUBLIC),
        ):
            if related:
                shared = [item for item in related if item.pk in ids]
                if not shared:
                    return None
                reasons.append(Reason(template, shared[0].name.lower()))
        if programme.stages:
            if subject.stage not in programme.stages:
                return None
            reasons.append(Reason(STAGE, Stage(subject.stage).label))
        # An initiative whose structure is not known is not ruled out.
        if programme.structure_types and subject.structure:
            if subject.structure not in programme.structure_types:
                return None
            reasons.append(Reason(AS_IS, Structure(subject.structure).label))
        return reasons


def _rows(model, link, **columns):
    """The rows of `model` linked to the outer programme, as JSON objects."""
    return ArraySubquery(
        model.objects.filter(**{link: OuterRef("pk")}).values(json=JSONObject(**columns))
    )


def _candidates(initiatives):
    """Published programmes some of `initiatives` may match, each with what
    matching reads (territories, themes, publics, calls, actors): one query."""
    areas = sorted({area for initiative in initiatives for area in initiative.area_ids})
    links = Programme.territories.through.objects.filter(programme=OuterRef("pk"))
    return (
        Programme.objects.published()
        .filter(Q(is_national=True) | ~Exists(links) | Exists(links.filter(territory__in=areas)))
        .defer("description", "offer", "conditions", "document")
        .annotate(
            territory_rows=_rows(
                Territory, "programmes", id="id", kind="kind", code="code", name="name"
            ),
            theme_rows=_rows(Theme, "programmes", id="id", name="name"),
            public_rows=_rows(Public, "programmes", id="id", name="name"),
            call_rows=_rows(
                Call, "programme", name="name", opens_on="opens_on", closes_on="closes_on"
            ),
            actor_rows=ArraySubquery(
                Actor.objects.published()
                .filter(programmes=OuterRef("pk"))
                .order_by("name")
                .values(json=JSONObject(id="id", name="name", slug="slug"))
            ),
        )
        .order_by("name")
    )


def programmes_for_each(initiatives, today=None, supported=None):
    """{initiative id: [Match, …]} for `initiatives` (with their search index
    columns loaded), open calls first. A programme already supporting an
    initiative is left out: `supported`, the (initiative id, programme id)
    pairs, when the caller has them. Two queries (one with `supported`)
    however many initiatives and programmes."""
    initiatives = list(initiatives)
    if not initiatives:
        return {}
    today = today or timezone.localdate()
    if supported is None:
        supported = set(
            InitiativeActor.objects.filter(
                initiative__in=[initiative.pk for initiative in initiatives],
                programme__isnull=False,
            ).values_list("initiative_id", "programme_id")
        )
    candidates = [Eligibility.from_row(programme) for programme in _candidates(initiatives)]
    statuses = {
        item.programme.pk: call_status(item.calls, item.programme.is_permanent, today)
        for item in candidates
    }
    found = {}
    for initiative in initiatives:
        subject = Subject.of(initiative)
        matches = []
        for item in candidates:
            if (initiative.pk, item.programme.pk) in supported:
                continue
            reasons = item.reasons_for(subject)
            if reasons is not None:
                status, call = statuses[item.programme.pk]
                matches.append(Match(item.programme, reasons, status, call, item.actors))
        found[initiative.pk] = sorted(matches, key=lambda match: match.sort_key)
    return found


def programmes_for(initiative, today=None, supported=None):
    """The programmes `initiative` may be eligible for, open calls first."""
    return programmes_for_each([initiative], today, supported)[initiative.pk]


def supported_initiatives(programme):
    """The published initiatives an actor supported through `programme`."""
    roles = InitiativeActor.objects.filter(initiative=OuterRef("pk"), programme=programme)
    return Initiative.objects.published().filter(Exists(roles))


def eligible_initiatives(programme):
    """Published initiatives that match the eligibility of `programme` (with its
    relations prefetched) and that it does not support yet."""
    roles = InitiativeActor.objects.filter(initiative=OuterRef("pk"), programme=programme)
    queryset = Initiative.objects.published().exclude(Exists(roles))
    territories = [place.pk for place in programme.territories.all()]
    if territories and not programme.is_national:
        queryset = queryset.filter(area_ids__overlap=territories)
    themes = [theme.pk for theme in programme.themes.all()]
    if themes:
        queryset = queryset.filter(theme_ids__overlap=themes)
    publics = [public.pk for public in programme.publics.all()]
    if publics:
        queryset = queryset.filter(public_ids__overlap=publics)
    if programme.stages:
        queryset = queryset.filter(stage__in=programme.stages)
    if programme.structure_types:
        queryset = queryset.filter(
            Q(structure_type__in=programme.structure_types) | Q(structure_type="")
        )
    return queryset
