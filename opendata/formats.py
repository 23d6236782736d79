"""The export formats: for each, its content type and how a search's chunks of
initiatives become pieces of text. The views and the bench share them."""

from dataclasses import dataclass

from initiatives.directory import exports
from opendata import csvfile, geojson, jsonfile, schemaorg, streams


def _features(chunks):
    items = (
        feature
        for chunk in chunks
        for initiative in chunk
        for feature in geojson.site_features(initiative)
    )
    return streams.json_list({"type": "FeatureCollection"}, "features", items)


def _records(chunks):
    items = (jsonfile.record(initiative) for chunk in chunks for initiative in chunk)
    return streams.json_list({}, "data", items)


def _graph(chunks):
    items = (schemaorg.export_data(initiative) for chunk in chunks for initiative in chunk)
    return streams.json_list({"@context": schemaorg.CONTEXT}, "@graph", items)


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    write: object  # chunks of initiatives → pieces of text


FORMATS = {
    "csv": Format("csv", "text/csv; charset=utf-8", csvfile.lines),
    "json": Format("json", "application/json", _records),
    "geojson": Format("geojson", "application/geo+json", _features),
    "jsonld": Format("jsonld", "application/ld+json", _graph),
}


def export_bytes(export_format, filterset):
    """The export of the initiatives `filterset` (valid) finds, as pieces of UTF-8."""
    return (piece.encode() for piece in export_format.write(exports.export_chunks(filterset)))
