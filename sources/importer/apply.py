"""Writing an ImportPlan: everything in one transaction (a failure anywhere
leaves the directory as it was), new fiches in bulk, the search index
refreshed once at the end (search_index.deferred())."""

from django.contrib.gis.geos import Point
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from actors.models import Actor
from initiatives import search_index
from initiatives.models import Initiative, Site
from sources.crosswalks import default_crosswalk
from sources.models import Source, SourceListing, SourceTag
from sources.services import crosswalk_record
from submissions.models import Revision
from submissions.proposals import proposal_from_initiative
from submissions.services import revision_propose
from themes.models import Public, Theme

from .plan import SCALAR_FIELDS

BATCH = 1000


def import_apply(plan, *, progress=None):
    """Write `plan` (import_plan()) and record the source's run. `progress(n)`
    is called as entries are written. Returns the plan."""
    source = plan.source
    now = timezone.now()
    progress = progress or (lambda count: None)
    with transaction.atomic(), search_index.deferred():
        if source.pk is None:
            source.save()
        crosswalk_seed(source)
        carriers = carriers_find(plan, publish=source.trust == Source.Trust.PUBLISH)
        _create(plan.created, source, now, progress, carriers)
        _link(plan.linked, source, now, progress)
        for entry in plan.updated:
            _update(entry, now, carriers)
            progress(1)
        _touch(plan.unchanged, now)
        progress(len(plan.unchanged))
        SourceListing.objects.filter(
            pk__in=[listing.pk for listing in plan.no_longer_listed]
        ).update(still_listed=False)
        crosswalk_record(source=source, counts=plan.tag_counts, seen_at=now)
        source.last_run_at = now
        source.last_run_status = (
            Source.Outcome.WARNINGS if plan.rejected or plan.warnings else Source.Outcome.SUCCESS
        )
        source.last_run_summary = plan.summary()
        source.save(update_fields=["last_run_at", "last_run_status", "last_run_summary"])
    return plan


def crosswalk_seed(source):
    """A source without a crosswalk starts from its format's default."""
    defaults = default_crosswalk(source.format)
    if not defaults or source.tags.exists():
        return []
    tags = SourceTag.objects.bulk_create(SourceTag(source=source, code=code) for code in defaults)
    themes = Theme.objects.in_bulk(
        {slug for target in defaults.values() for slug in target.themes}, field_name="slug"
    )
    publics = Public.objects.in_bulk(
        {slug for target in defaults.values() for slug in target.publics}, field_name="slug"
    )
    SourceTag.themes.through.objects.bulk_create(
        SourceTag.themes.through(sourcetag_id=tag.pk, theme_id=themes[slug].pk)
        for tag in tags
        for slug in defaults[tag.code].themes
        if slug in themes
    )
    SourceTag.publics.through.objects.bulk_create(
        SourceTag.publics.through(sourcetag_id=tag.pk, public_id=publics[slug].pk)
        for tag in tags
        for slug in defaults[tag.code].publics
        if slug in publics
    )
    return tags


def carriers_find(plan, *, publish):
    """{name: Actor} of the carrying structures the plan writes: the actor of
    that name (case aside) when there is one, else a new structure, published
    with its fiche (directly, or by the moderator who publishes it)."""
    names = {
        entry.values["carrier"]
        for entry in plan.created + [e for e in plan.updated if not e.as_revision]
        if entry.values["carrier"]
    }
    if not names:
        return {}
    found = {}
    existing = Actor.objects.annotate(lowered=Lower("name")).filter(
        lowered__in={name.lower() for name in names}
    )
    for actor in existing.order_by("-is_published", "pk"):
        found.setdefault(actor.lowered, actor)
    missing = sorted(name for name in names if name.lower() not in found)
    slugs = set(Actor.objects.values_list("slug", flat=True))
    created = Actor.objects.bulk_create(
        Actor(
            name=name,
            slug=_unique(slugify(name)[:196] or "structure", slugs),
            kind=Actor.Kind.STRUCTURE,
            is_published=publish,
        )
        for name in missing
    )
    found.update((actor.name.lower(), actor) for actor in created)
    return {name: found[name.lower()] for name in names}


def _new_initiative(entry, source, now, slugs, carriers):
    values = entry.values
    publish = source.trust == Source.Trust.PUBLISH
    initiative = Initiative(
        **{name: values[name] for name in SCALAR_FIELDS if values[name] is not None},
        carrier=carriers.get(values["carrier"]),
        slug=_unique(slugify(values["name"])[:200] or "fiche", slugs),
        status=Initiative.Status.PUBLISHED if publish else Initiative.Status.PENDING,
        published_at=now if publish else None,
        submitted_at=None if publish else now,
        source_name=source.name[:200],
    )
    return initiative


def _unique(base, slugs):
    slug, number = base, 2
    while slug in slugs:
        slug, number = f"{base}-{number}", number + 1
    slugs.add(slug)
    return slug


def _create(entries, source, now, progress, carriers):
    if not entries:
        return
    slugs = set(Initiative.objects.values_list("slug", flat=True))
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        initiatives = Initiative.objects.bulk_create(
            [_new_initiative(entry, source, now, slugs, carriers) for entry in batch]
        )
        for entry, initiative in zip(batch, initiatives, strict=True):
            entry.initiative = initiative
        Site.objects.bulk_create(
            _site(entry.initiative, position, value)
            for entry in batch
            for position, value in enumerate(entry.values["sites"])
        )
        _set_taxonomy(batch)
        SourceListing.objects.bulk_create(_listing(entry, source, now) for entry in batch)
        search_index.refresh(entry.initiative.pk for entry in batch)
        progress(len(batch))
    if source.trust == Source.Trust.PUBLISH:
        search_index.directory_changed()


def _site(initiative, position, value):
    address, commune_id, longitude, latitude = value
    point = Point(longitude, latitude, srid=4326) if longitude is not None else None
    return Site(
        initiative=initiative,
        position=position,
        address=address[:300],
        commune_id=commune_id,
        point=point,
    )


def _set_taxonomy(entries):
    Initiative.themes.through.objects.bulk_create(
        Initiative.themes.through(initiative_id=entry.initiative.pk, theme_id=pk)
        for entry in entries
        for pk in entry.values["themes"]
    )
    Initiative.publics.through.objects.bulk_create(
        Initiative.publics.through(initiative_id=entry.initiative.pk, public_id=pk)
        for entry in entries
        for pk in entry.values["publics"]
    )


def _listing(entry, source, now):
    return SourceListing(
        initiative=entry.initiative,
        source=source,
        identifier=entry.row.identifier[:200],
        page_url=entry.page_url[:500],
        imported_values=entry.values,
        first_seen_at=now,
        last_seen_at=now,
    )


def _link(entries, source, now, progress):
    """A likely duplicate: the existing fiche is listed by the source too, and
    left as it is."""
    SourceListing.objects.bulk_create(_listing(entry, source, now) for entry in entries)
    progress(len(entries))


def _update(entry, now, carriers):
    initiative, listing, values = entry.initiative, entry.listing, entry.values
    if entry.as_revision:
        _propose(entry)
    elif entry.changes:
        scalars = [name for name in entry.changes if name in SCALAR_FIELDS]
        for name in scalars:
            if values[name] is not None:
                setattr(initiative, name, values[name])
        if "carrier" in entry.changes:
            initiative.carrier = carriers.get(values["carrier"])
            scalars.append("carrier")
        if scalars:
            initiative.save(update_fields=[*scalars, "updated_at"])
        if "themes" in entry.changes:
            initiative.themes.set(values["themes"])
        if "publics" in entry.changes:
            initiative.publics.set(values["publics"])
        if "sites" in entry.changes:
            initiative.sites.all().delete()
            Site.objects.bulk_create(
                _site(initiative, position, value) for position, value in enumerate(values["sites"])
            )
    listing.imported_values = values
    listing.page_url = entry.page_url[:500]
    listing.still_listed = True
    listing.last_seen_at = now
    listing.save(update_fields=["imported_values", "page_url", "still_listed", "last_seen_at"])


def _propose(entry):
    """The import's changes to a fiche edited on the site: a pending revision
    for the moderators, merged into the one a holder may have pending."""
    initiative, values = entry.initiative, entry.values
    pending = initiative.revisions.filter(status=Revision.Status.PENDING).first()
    data = dict(pending.data) if pending else proposal_from_initiative(initiative)
    for name in entry.changes:
        if name in SCALAR_FIELDS and values[name] is not None:
            data[name] = values[name]
        elif name in ("themes", "publics"):
            data[name] = values[name]
        elif name == "carrier":
            data["carrier"] = _carrier_entry(values["carrier"])
    if "sites" in entry.changes and values["sites"]:
        # A revision edits the main site, as the holders' form does.
        address, commune_id, longitude, latitude = values["sites"][0]
        data["address"], data["commune"] = address, commune_id
        data["point"] = [longitude, latitude] if longitude is not None else None
    revision_propose(initiative=initiative, author=pending.author if pending else None, data=data)


def _carrier_entry(name):
    """The carrier as a proposal names it: the actor of that name, or a new one
    (created unpublished when the revision is approved, published with the fiche)."""
    if not name:
        return None
    actor = Actor.objects.filter(name__iexact=name).order_by("-is_published", "pk").first()
    return {"actor": actor.pk, "name": actor.name} if actor else {"name": name}


def _touch(entries, now):
    SourceListing.objects.filter(pk__in=[entry.listing.pk for entry in entries]).update(
        last_seen_at=now
    )
