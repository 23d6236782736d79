"""Whoever writes a listing, the source facet of the directory stays right."""

from initiatives import facet_keys
from initiatives.models import Initiative
from sources.models import Source, SourceListing


def source_keys(initiative):
    initiative.refresh_from_db()
    return sorted(
        value
        for kind, value in map(facet_keys.split, initiative.facet_keys)
        if kind == facet_keys.SOURCE
    )


def test_listing_an_initiative_adds_its_source_to_the_facets(make_source, make_initiative, list_in):
    vrac = make_initiative("Vrac")
    medcoop, foundation = make_source("MEDCOOP"), make_source("Fondation")
    list_in(medcoop, vrac)
    list_in(foundation, vrac, "A")
    # Twice by one source (two identifiers): counted once.
    list_in(foundation, vrac, "B")
    assert source_keys(vrac) == sorted([medcoop.pk, foundation.pk])


def test_a_listing_dropped_moved_or_deleted_leaves_the_facets(
    make_source, make_initiative, list_in
):
    vrac, cantine = make_initiative("Vrac"), make_initiative("Cantine")
    medcoop = make_source("MEDCOOP")
    listing = list_in(medcoop, vrac)

    listing.still_listed = False
    listing.save()
    assert source_keys(vrac) == []

    listing.still_listed = True
    listing.initiative = cantine
    listing.save()
    assert (source_keys(vrac), source_keys(cantine)) == ([], [medcoop.pk])

    SourceListing.objects.filter(pk=listing.pk).update(still_listed=False)
    assert source_keys(cantine) == []
    SourceListing.objects.filter(pk=listing.pk).update(still_listed=True)
    assert source_keys(cantine) == [medcoop.pk]

    listing.delete()
    assert source_keys(cantine) == []


def test_deleting_a_source_removes_it_from_the_facets(make_source, make_initiative, list_in):
    vrac = make_initiative("Vrac")
    list_in(make_source("MEDCOOP"), vrac)
    list_in(make_source("Autre"), vrac)
    Source.objects.get(slug="medcoop").delete()
    Source.objects.filter(slug="autre").delete()
    assert source_keys(vrac) == []


def test_listings_created_in_bulk_are_in_the_facets(make_source, make_initiative):
    medcoop = make_source("MEDCOOP")
    vrac = make_initiative("Vrac")
    SourceListing.objects.bulk_create(
        [SourceListing(source=medcoop, initiative=vrac, identifier="1")]
    )
    assert source_keys(vrac) == [medcoop.pk]


def test_seeing_a_listing_again_does_not_refresh_the_index(
    make_source, make_initiative, list_in, django_assert_num_queries
):
    listing = list_in(make_source("MEDCOOP"), make_initiative("Vrac"))
    listing = SourceListing.objects.get(pk=listing.pk)
    # An import saves every listing it sees: one UPDATE, not a refresh of the fiche.
    with django_assert_num_queries(1):
        listing.save(update_fields=["last_seen_at"])


def test_renaming_a_source_renames_its_facet(visitor, make_source, make_initiative, list_in):
    medcoop = make_source("MEDCOOP")
    list_in(medcoop, make_initiative("Vrac"))
    assert [f.value.name for f in visitor.get("/initiatives/").context["results"].sources] == [
        "MEDCOOP"
    ]
    medcoop.name = "Réseau MEDCOOP"
    medcoop.save()
    # The whole directory's facets are cached: renaming gives them a new token.
    assert [f.value.name for f in visitor.get("/initiatives/").context["results"].sources] == [
        "Réseau MEDCOOP"
    ]
    assert Initiative.objects.count() == 1
