"""What /sante/ checks, for load balancers and monitoring.

Each check is a function returning a `Check`: a name, whether all is well,
and figures (counts, ages in seconds) that never name a person, an address
or a subject. A check costs at most one query. To watch a new job (the last
reminder sent, once it exists), write a function reading its latest run and
add it to CHECKS, as `imports` does for the partner sources.

Why not django-health-check (4.x, which supports Django 5.2): it runs checks
in threads of an async view, each probe opening its own PostgreSQL connection
outside Django's request handling; a failure answers 500, not 503; results are
labelled in English by class name; and the email backlog would be a custom
check anyway. Small functions do the job with one query each.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import DatabaseError, connection
from django.db.models import Count, Min
from django.utils import timezone

from outbox.models import Email
from sources.models import Source


@dataclasses.dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    figures: dict = dataclasses.field(default_factory=dict)

    def as_json(self):
        return {"ok": self.ok, **self.figures}


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Check("base_de_donnees", False, {"erreur": type(error).__name__})
    return Check("base_de_donnees", True)


def cache():
    """One read: the shared cache answers (a missing key is an answer). It lives
    in the database (CACHES), so it fails with it."""
    try:
        default_cache.get("sante")
    except Exception as error:  # noqa: BLE001 (whatever the backend raises means "down")
        return Check("cache", False, {"erreur": type(error).__name__})
    return Check("cache", True)


def outbox():
    """Emails waiting to be sent: too many, or one waiting too long, means the
    worker is stopped or the mail server refuses them."""
    limits = {
        "seuil_en_attente": settings.HEALTH_OUTBOX_MAX_PENDING,
        "seuil_attente_secondes": settings.HEALTH_OUTBOX_MAX_AGE_MINUTES * 60,
    }
    try:
        backlog = Email.objects.filter(status=Email.Status.PENDING).aggregate(
            pending=Count("pk"), oldest=Min("created_at")
        )
    except DatabaseError as error:
        return Check("courriels", False, {"erreur": type(error).__name__, **limits})
    waited = 0
    if backlog["oldest"]:
        waited = int((timezone.now() - backlog["oldest"]).total_seconds())
    ok = (
        backlog["pending"] <= limits["seuil_en_attente"]
        and waited <= limits["seuil_attente_secondes"]
    )
    figures = {"en_attente": backlog["pending"], "attente_max_secondes": waited, **limits}
    return Check("courriels", ok, figures)


def imports():
    """Partner sources imported on a schedule (`refresh_sources`): none whose
    last import failed, none a day later than its frequency says."""
    try:
        sources = list(
            Source.objects.filter(refresh_days__isnull=False).values_list(
                "refresh_days", "last_run_at", "last_run_status"
            )
        )
    except DatabaseError as error:
        return Check("importations", False, {"erreur": type(error).__name__})
    now = timezone.now()
    failed = sum(status == Source.Outcome.FAILED for _days, _at, status in sources)
    late = sum(
        at is None or at + datetime.timedelta(days=days + 1) < now for days, at, _status in sources
    )
    runs = [at for _days, at, _status in sources if at is not None]
    figures = {
        "sources_programmees": len(sources),
        "en_echec": failed,
        "en_retard": late,
        "derniere_il_y_a_secondes": int((now - max(runs)).total_seconds()) if runs else None,
    }
    return Check("importations", not failed and not late, figures)


# /sante/: everything the portal needs to do its job, for monitoring.
CHECKS = [database, cache, outbox, imports]
# /sante/web/: what serving pages needs, for a load balancer, which should not
# take web servers out because the mail server is down.
WEB_CHECKS = [database, cache]


def run_checks(checks):
    """(all well?, {name: figures}) for the given checks."""
    results = [check() for check in checks]
    return all(result.ok for result in results), {r.name: r.as_json() for r in results}
