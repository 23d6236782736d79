"""Who the rate limits count: a client's address, or its IPv6 network."""

import ipaddress

from carrefour.clients import client_ip


def client_network(request):
    """A string naming the client: its IPv4 address, or its IPv6 /64 network.

    One IPv6 subscriber usually gets a whole /64, so counting single IPv6
    addresses would let anyone multiply their limit.
    """
    address = client_ip(request)
    if address is None:
        return "unknown"
    address = ipaddress.ip_address(address)
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
