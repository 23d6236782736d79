"""One import of a source, from its export to its recorded outcome: what the
commands (import_source, refresh_sources) share."""

from django.utils import timezone
from django.utils.translation import gettext as _

from sources.fetch import FetchError, fetch
from sources.models import Source
from sources.readers import UnreadableFile, read

from .apply import import_apply
from .plan import import_plan


class ImportFailed(Exception):
    """The export could not be fetched or read: nothing changed; the message
    says why, in French."""


def export_read(location):
    """The bytes of an export: an http(s) address (fetched, never from our own
    network) or a file path."""
    if location.startswith(("http://", "https://")):
        try:
            return fetch(location).content
        except FetchError as error:
            raise ImportFailed(str(error)) from None
    try:
        with open(location, "rb") as file:
            return file.read()
    except OSError as error:
        raise ImportFailed(
            _("Fichier illisible : %(file)s (%(reason)s).")
            % {"file": location, "reason": error.strerror}
        ) from None


def source_export(source):
    """The bytes of the source's own export (its address, or its uploaded file)."""
    if source.export_url:
        return export_read(source.export_url)
    if source.export_file:
        try:
            with source.export_file.open("rb") as file:
                return file.read()
        except OSError:
            raise ImportFailed(
                _("Le fichier d’export de la source est introuvable : envoyez-le à nouveau.")
            ) from None
    raise ImportFailed(_("La source n’a ni adresse ni fichier d’export."))


def plan_from_export(source, data):
    try:
        result = read(data, source.format)
    except UnreadableFile as error:
        raise ImportFailed(str(error)) from None
    return import_plan(source, result)


def import_run(source, data, *, dry_run=False, progress=None):
    """Plan the import of `data` into `source`, and apply it unless `dry_run`.
    Raises ImportFailed (recorded on a saved source) when it cannot be read."""
    try:
        plan = plan_from_export(source, data)
    except ImportFailed as error:
        if not dry_run:
            failure_record(source, str(error))
        raise
    if not dry_run:
        import_apply(plan, progress=progress)
    return plan


def failure_record(source, reason):
    if source.pk is None:
        return
    source.last_run_at = timezone.now()
    source.last_run_status = Source.Outcome.FAILED
    source.last_run_summary = reason
    source.save(update_fields=["last_run_at", "last_run_status", "last_run_summary"])
