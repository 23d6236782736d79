"""An initiative as its holder edits it: a plain dict, stored and applied.

The same dict is applied at once to a draft, and kept in a Revision
(submissions.models) for a published initiative until a moderator approves it.
proposal_rows() shows it field by field, for the diff moderators read.
"""

from django.contrib.gis.geos import Point
from django.db.models import Q
from django.utils.translation import gettext as _

from actors.models import Actor
from carrefour.forms import normalise_text
from carrefour.slugs import unique_slug
from initiatives import search_index
from initiatives.models import Award, Initiative, InitiativeActor
from submissions.uploads import upload_forget
from territories.models import Territory
from themes.models import Public, Theme

SCALAR_FIELDS = [
    "name",
    "summary",
    "description",
    "innovation",
    "year_started",
    "stage",
    "structure_type",
    "address",
    "is_national",
    "website",
    "contact_name",
    "contact_email",
]
ROLE_ACTOR_KINDS = {
    InitiativeActor.Role.FUNDER: Actor.Kind.FUNDER,
    InitiativeActor.Role.SUPPORT: Actor.Kind.INCUBATOR,
    InitiativeActor.Role.PARTNER: Actor.Kind.STRUCTURE,
    InitiativeActor.Role.COLLECTIVITE: Actor.Kind.COLLECTIVITE,
}


def proposal_from_initiative(initiative):
    carrier = initiative.carrier
    roles = initiative.roles.select_related("actor").order_by("pk")
    return {
        **{field: getattr(initiative, field) for field in SCALAR_FIELDS},
        "commune": initiative.commune_id,
        "point": [initiative.point.x, initiative.point.y] if initiative.point else None,
        "themes": sorted(initiative.themes.values_list("pk", flat=True)),
        "publics": sorted(initiative.publics.values_list("pk", flat=True)),
        "territories": sorted(initiative.territories.values_list("pk", flat=True)),
        "carrier": {"actor": carrier.pk, "name": carrier.name} if carrier else None,
        "roles": [{"actor": r.actor_id, "name": r.actor.name, "role": r.role} for r in roles],
        "awards": [{"name": a.name, "year": a.year} for a in initiative.awards.order_by("pk")],
        "image": initiative.image.name or "",
    }


def proposal_initial(data):
    """The edit form's initial values for a proposal."""
    places = Territory.objects.in_bulk([data["commune"], *data["territories"]])
    point = data.get("point")
    return {
        **{field: data.get(field) for field in SCALAR_FIELDS},
        "commune": places.get(data["commune"]),
        "territories": [places[pk] for pk in data["territories"] if pk in places],
        "themes": [str(pk) for pk in data["themes"]],
        "publics": data["publics"],
        "carrier": data["carrier"],
        "roles_initial": [{"actor": role, "role": role["role"]} for role in data["roles"]],
        "awards": data["awards"],
        "image": data["image"],
        "longitude": point[0] if point else None,
        "latitude": point[1] if point else None,
    }


def _actor(entry, kind):
    """The actor an entry names: the one chosen, or a new unpublished one."""
    if not entry:
        return None
    if entry.get("actor"):
        actor = Actor.objects.filter(pk=entry["actor"]).first()
        if actor:
            return actor
    return Actor.objects.create(
        name=entry["name"],
        slug=unique_slug(Actor, entry["name"]),
        kind=kind,
        is_published=False,
    )


def _set_roles(initiative, entries):
    wanted = {}
    for entry in entries:
        actor = _actor(entry, ROLE_ACTOR_KINDS.get(entry["role"], Actor.Kind.STRUCTURE))
        wanted.setdefault((actor.pk, entry["role"]), actor)
    # Rows that stay keep the programme a moderator may have set.
    kept = set()
    for role in initiative.roles.all():
        if (role.actor_id, role.role) in wanted:
            kept.add((role.actor_id, role.role))
        else:
            role.delete()
    InitiativeActor.objects.bulk_create(
        InitiativeActor(initiative=initiative, actor=actor, role=role)
        for (pk, role), actor in wanted.items()
        if (pk, role) not in kept
    )


@search_index.deferred()
def proposal_apply(initiative, data):
    """Write a proposal onto the initiative, relations included (its search index
    refreshed once, at the end).

    An image it replaces is deleted after commit if nothing names it any more.
    """
    for field in SCALAR_FIELDS:
        setattr(initiative, field, data.get(field) if data.get(field) is not None else "")
    initiative.year_started = data.get("year_started")
    initiative.is_national = bool(data.get("is_national"))
    commune = Territory.objects.filter(pk=data["commune"]).first()
    point = Point(*data["point"], srid=4326) if data.get("point") else None
    initiative.carrier = _actor(data.get("carrier"), Actor.Kind.STRUCTURE)
    replaced_image = initiative.image.name or ""
    initiative.image = data.get("image") or ""
    if initiative.published_at is None:
        # Public URLs are a contract only once published.
        initiative.slug = unique_slug(
            Initiative, initiative.name, exclude_pk=initiative.pk, max_length=220
        )
    initiative.save()
    # The form edits one site, the main one; the others stay as they are.
    initiative.locate(commune=commune, point=point, address=data.get("address") or "")
    initiative.themes.set(Theme.objects.filter(pk__in=data["themes"], parent__isnull=False))
    initiative.publics.set(Public.objects.filter(pk__in=data["publics"]))
    initiative.territories.set(Territory.objects.filter(pk__in=data["territories"]))
    _set_roles(initiative, data.get("roles", []))
    initiative.awards.all().delete()
    Award.objects.bulk_create(
        Award(initiative=initiative, name=award["name"], year=award.get("year"))
        for award in data.get("awards", [])
    )
    if replaced_image != initiative.image.name:
        upload_forget(replaced_image)
    return initiative


def actors_publish_new(initiative):
    """Publish the new structures the initiative names (created unpublished)."""
    linked = Q(carried_initiatives=initiative) | Q(roles__initiative=initiative)
    ids = Actor.objects.filter(linked, is_published=False).values_list("pk", flat=True)
    return Actor.objects.filter(pk__in=list(ids)).update(is_published=True)


def _names(model, ids):
    objects = model.objects.in_bulk(ids)
    return ", ".join(str(objects[pk]) for pk in ids if pk in objects)


def proposal_rows(data):
    """[(label, text)…]: a proposal as moderators read it, one row per field."""
    field = Initiative._meta.get_field
    choices = {
        "stage": dict(Initiative.Stage.choices),
        "structure_type": dict(Initiative.Structure.choices),
    }
    rows = []
    for name in SCALAR_FIELDS:
        value = data.get(name)
        if name in choices:
            value = choices[name].get(value, value or "")
        elif name == "is_national":
            value = _("oui") if value else _("non")
        rows.append((field(name).verbose_name, "" if value is None else str(value)))
    carrier = data.get("carrier")
    point = data.get("point")
    rows += [
        (field("commune").verbose_name, _names(Territory, [data["commune"]])),
        (field("point").verbose_name, f"{point[1]:.5f}, {point[0]:.5f}" if point else ""),
        (field("territories").verbose_name, _names(Territory, data["territories"])),
        (field("themes").verbose_name, _names(Theme, data["themes"])),
        (field("publics").verbose_name, _names(Public, data["publics"])),
        (field("carrier").verbose_name, _actor_text(carrier)),
        (
            _("financeurs et partenaires"),
            "\n".join(
                f"{_actor_text(role)} — {InitiativeActor.Role(role['role']).label}"
                for role in data.get("roles", [])
            ),
        ),
        (
            _("labels et prix"),
            "\n".join(
                f"{award['name']} ({award['year']})" if award.get("year") else award["name"]
                for award in data.get("awards", [])
            ),
        ),
        (field("image").verbose_name, data.get("image") or ""),
    ]
    return rows


def _actor_text(entry):
    if not entry:
        return ""
    return entry["name"] if entry.get("actor") else _("%(name)s (nouvelle structure)") % entry


def proposal_changes(before, after):
    """[(label, before, after)…] for the fields that differ, other than by their
    line endings or trailing spaces (imports and older edits may have either)."""
    return [
        (label, old, new)
        for (label, old), (_label, new) in zip(
            proposal_rows(before), proposal_rows(after), strict=True
        )
        if normalise_text(old) != normalise_text(new)
    ]
