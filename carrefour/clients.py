"""Who is asking: the client's address, as seen through our reverse proxies.

Behind reverse proxies, CLIENT_IP_HEADER names the header they fill (for
example HTTP_X_FORWARDED_FOR) and CLIENT_IP_TRUSTED_PROXIES how many of ours
append to it, each the address it received the request from. With N proxies,
the N-th entry from the right is the client as our outermost proxy saw it:
entries further left were sent by the client and prove nothing, entries
further right are our own proxies.
"""

import ipaddress
import logging

from django.conf import settings
from django.utils.crypto import salted_hmac

log = logging.getLogger(__name__)

# An entry that is not an address stands for a client all the same; it gets
# an address of its own in the documentation prefix (RFC 3849), which no
# real client can have.
UNPARSED_PREFIX = ipaddress.IPv6Network("2001:db8::/32")


def client_ip(request):
    """The client's IP address, as a string.

    Without CLIENT_IP_HEADER, or when the header is missing: the connection's
    address. When the header has fewer entries than CLIENT_IP_TRUSTED_PROXIES,
    the request did not come through our proxies as configured (a proxy was
    bypassed, or the setting counts too many): every entry may have been
    written by the client, who could then pick a fresh address per request to
    escape the limits, so the connection's address is used and a warning logged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    if not forwarded:
        return _address(remote, source="REMOTE_ADDR")
    hops = [hop.strip() for hop in forwarded.split(",")]
    trusted = settings.CLIENT_IP_TRUSTED_PROXIES
    if len(hops) < trusted:
        log.warning(
            "%s has %d entries, fewer than CLIENT_IP_TRUSTED_PROXIES (%d): "
            "the connection's address is used",
            header,
            len(hops),
            trusted,
        )
        return _address(remote, source="REMOTE_ADDR")
    return _address(hops[-trusted], source=header)


def _address(text, source):
    """`text` as an address; if it is not one, a stand-in address derived
    from it.

    The entry read from the header was written by our outermost proxy, so the
    client cannot choose it: a keyed digest of it keeps clients apart as well
    as the proxy does, where falling back to the connection's address (our
    proxy's) would put every such client in one shared bucket.
    """
    try:
        return str(ipaddress.ip_address(_without_port(text)))
    except ValueError:
        pass
    log.warning("%s holds an entry that is not an IP address: a stand-in address is used", source)
    digest = salted_hmac("carrefour.clients.unparsed", text, algorithm="sha256").digest()
    # The digest goes in the network part: limits count IPv6 clients per /64.
    packed = UNPARSED_PREFIX.network_address.packed[:4] + digest[:4] + bytes(8)
    return str(ipaddress.IPv6Address(packed))


def _without_port(text):
    """ "203.0.113.7:5678" → "203.0.113.7", "[2001:db8::1]:443" → "2001:db8::1"."""
    if text.startswith("["):
        return text[1:].partition("]")[0]
    host, colon, port = text.rpartition(":")
    if colon and "." in host and ":" not in host and port.isdigit():
        return host
    return text


def client_network(request):
    """The client for the abuse limits, as an address: its IPv4 address, or the
    first address of its IPv6 /64 network.

    One IPv6 subscriber usually gets a whole /64, so counting single IPv6
    addresses would let anyone multiply their limit.
    """
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
