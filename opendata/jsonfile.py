"""The JSON export: the directory's own format as JSON (carrefour-json), the
keys of the CSV's columns with lists for multi-valued ones and a list of
sites, so that it reads back through the importer too."""

from opendata.csvfile import initiative_fields, site_fields
from sources.readers.carrefour import MULTI_VALUED, SEPARATOR, SITE_FIELDS


def record(initiative):
    """An initiative (relations prefetched) as one object of the JSON export."""
    fields = initiative_fields(initiative)
    for name in MULTI_VALUED:
        fields[name] = fields[name].split(SEPARATOR) if fields[name] else []
    fields["annee_creation"] = initiative.year_started
    fields["national"] = initiative.is_national
    fields["sites"] = [
        {name: site_fields(site)["site_" + name] or None for name in SITE_FIELDS}
        for site in initiative.sites.all()
    ]
    return fields
