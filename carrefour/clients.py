"""Who is asking: the client's address, as seen through our reverse proxies."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address, or None if it cannot be read.

    Behind a reverse proxy, CLIENT_IP_HEADER names the header it fills (for
    example HTTP_X_FORWARDED_FOR) and CLIENT_IP_TRUSTED_PROXIES how many of our
    proxies append to it: the address they saw is read from the right, where a
    client cannot forge it.
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    value = request.META.get("REMOTE_ADDR", "")
    if header and request.META.get(header):
        hops = [hop.strip() for hop in request.META[header].split(",") if hop.strip()]
        trusted = max(getattr(settings, "CLIENT_IP_TRUSTED_PROXIES", 1), 1)
        value = hops[-trusted] if len(hops) >= trusted else hops[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_network(request):
    """The client for the abuse limits, as an address: its IPv4 address, or the
    first address of its IPv6 /64 network; None if it cannot be read.

    One IPv6 subscriber usually gets a whole /64, so counting single IPv6
    addresses would let anyone multiply their limit.
    """
    address = client_ip(request)
    if address is None:
        return None
    address = ipaddress.ip_address(address)
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
