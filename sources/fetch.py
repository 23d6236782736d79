"""Fetching a partner's export by URL, without letting a URL reach our own
network (SSRF).

The host is resolved here, every address it resolves to is checked, and the
connection is made to the checked address (the Host header, TLS's SNI and the
certificate check still use the name): a DNS answer that changes between the
check and the connection (rebinding) cannot lead elsewhere. Each redirect is
checked the same way. Only http and https; a deadline for the whole download
(a server sending one byte a minute does not hold an import for ever) and a
size limit enforced while reading.

The standard library's http.client, not urllib or requests: both resolve and
connect on their own (and follow redirects unchecked, and obey *_PROXY
variables), which is what this module must not let happen.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
# NAT64's well-known prefix leads to the IPv4 address written in its last bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """The export could not be fetched; the message says why, in French."""


@dataclass(frozen=True)
class Download:
    content: bytes
    url: str  # after redirects
    content_type: str


def fetch(url):
    """The body of `url` (SOURCES_FETCH_TIMEOUT, SOURCES_FETCH_MAX_BYTES,
    SOURCES_FETCH_ALLOWED_NETWORKS); raises FetchError."""
    deadline = time.monotonic() + settings.SOURCES_FETCH_TIMEOUT
    for _redirect in range(MAX_REDIRECTS + 1):
        target = _Target(url)
        response_or_location = _get(target, deadline)
        if isinstance(response_or_location, Download):
            return response_or_location
        url = urljoin(url, response_or_location)
    raise FetchError(_("Trop de redirections (plus de %(count)s).") % {"count": MAX_REDIRECTS})


class _Target:
    """A URL checked and resolved: scheme, host, port, path, checked address."""

    def __init__(self, url):
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            raise FetchError(_("Adresse invalide : %(url)s") % {"url": url}) from None
        if parts.scheme not in ("http", "https"):
            raise FetchError(_("Seules les adresses http:// et https:// sont acceptées."))
        if not parts.hostname:
            raise FetchError(_("Adresse sans nom d’hôte : %(url)s") % {"url": url})
        self.url = url
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = port or (443 if parts.scheme == "https" else 80)
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.address = _checked_address(self.host, self.port)


def _checked_address(host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(_("Le nom « %(host)s » est introuvable.") % {"host": host}) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if not _allowed(address):
            raise FetchError(
                _("« %(host)s » mène à une adresse privée ou réservée (%(address)s) : refusé.")
                % {"host": host, "address": address}
            )
    return str(addresses[0])


def _allowed(address):
    """Whether an address may be reached: global unicast, or in a network the
    settings allow. An IPv6 address carrying an IPv4 one is judged by it."""
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.ip_address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return _allowed(embedded)
    for network in settings.SOURCES_FETCH_ALLOWED_NETWORKS:
        if address in ipaddress.ip_network(network, strict=False):
            return True
    return address.is_global and not address.is_multicast


def _get(target, deadline):
    """A Download, or the Location of a redirect."""
    connection = _connection(target, deadline)
    response = None
    try:
        connection.request(
            "GET",
            target.path,
            headers={"User-Agent": "Carrefour (import de sources)", "Accept-Encoding": "identity"},
        )
        response = connection.getresponse()
        if response.status in (301, 302, 303, 307, 308):
            location = response.getheader("Location")
            if not location:
                raise FetchError(_("Redirection sans adresse de destination."))
            return location
        if response.status != 200:
            raise FetchError(
                _("Le serveur a répondu %(status)s (%(reason)s).")
                % {"status": response.status, "reason": response.reason}
            )
        content = _read_limited(response, connection.opened_socket, deadline)
        return Download(content, target.url, response.getheader("Content-Type", ""))
    except TimeoutError:
        raise FetchError(_timeout_message(target)) from None
    except ssl.SSLError as exc:
        raise FetchError(
            _("Connexion sécurisée impossible avec %(host)s : %(reason)s")
            % {"host": target.host, "reason": exc.reason or exc}
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(
            _("Échec de la connexion à %(host)s : %(reason)s")
            % {"host": target.host, "reason": exc}
        ) from None
    finally:
        # A response that ends the connection holds its socket: close both.
        if response is not None:
            response.close()
        connection.close()


def _read_limited(response, sock, deadline):
    limit = settings.SOURCES_FETCH_MAX_BYTES
    too_big = FetchError(
        _("Le fichier dépasse la taille maximale de %(size)s Mo.")
        % {"size": round(limit / 1_000_000, 1)}
    )
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise too_big
    chunks, size = [], 0
    while True:
        # Each read may wait only for what is left of the whole download's time.
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)


def _timeout_message(target):
    return _("Pas de réponse complète de %(host)s en %(seconds)s secondes.") % {
        "host": target.host,
        "seconds": settings.SOURCES_FETCH_TIMEOUT,
    }


def _connection(target, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(_timeout_message(target))
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target, remaining)
    return _PinnedHTTPConnection(target, remaining)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address, whatever the name resolves to now."""

    def __init__(self, target, timeout):
        super().__init__(target.host, target.port, timeout=timeout)
        self.checked_address = target.address

    def connect(self):
        self.sock = socket.create_connection((self.checked_address, self.port), self.timeout)
        # Kept for the reads: http.client lets go of `sock` once a response that
        # ends the connection begins, while that response still reads from it.
        self.opened_socket = self.sock


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target, timeout):
        super().__init__(target.host, target.port, timeout=timeout)
        self.checked_address = target.address
        self.tls = ssl.create_default_context()

    def connect(self):
        sock = socket.create_connection((self.checked_address, self.port), self.timeout)
        # The name, not the address: SNI and the certificate check are the host's.
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        self.opened_socket = self.sock
