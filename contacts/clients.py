"""The address a request comes from, as the rate limits count it."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address, read behind our reverse proxies if configured.

    Each trusted proxy appends the address it received the request from to
    CLIENT_IP_HEADER; anything further left was written by the client and can
    be forged, so we count CLIENT_IP_TRUSTED_PROXIES entries from the right.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER:
        chain = [
            entry.strip()
            for entry in request.META.get(settings.CLIENT_IP_HEADER, "").split(",")
            if entry.strip()
        ]
        if chain:
            address = chain[-min(settings.CLIENT_IP_TRUSTED_PROXIES, len(chain))]
    try:
        return ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return None


def client_network(request):
    """A string naming the client: its IPv4 address, or its IPv6 /64 network.

    One IPv6 subscriber usually gets a whole /64, so counting single IPv6
    addresses would let anyone multiply their limit.
    """
    address = client_ip(request)
    if address is None:
        return "unknown"
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
