"""The confirmation link of an alert: signed, and valid for
ALERT_CONFIRMATION_DAYS. It carries the alert's random key and the frequency
asked for, never the address."""

from django.conf import settings
from django.core import signing

SALT = "alerts.confirmation"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def confirmation_token(alert, frequency):
    return signing.dumps({"k": alert.key, "f": frequency}, salt=SALT)


def read_confirmation_token(token):
    """(key, frequency) of a token; raises LinkExpired or LinkInvalid."""
    max_age = settings.ALERT_CONFIRMATION_DAYS * 86400
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(data, dict) or not {"k", "f"} <= data.keys():
        raise LinkInvalid
    return data["k"], data["f"]
