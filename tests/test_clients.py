"""The client's address behind reverse proxies, for the abuse limits."""

import ipaddress
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from accounts.limits import account_email_allowed
from carrefour.clients import UNPARSED_PREFIX, client_ip, client_network

pytestmark = pytest.mark.django_db


def request_from(**meta):
    return RequestFactory().get("/", **meta)


@pytest.fixture
def behind_two_proxies(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.CLIENT_IP_TRUSTED_PROXIES = 2


@pytest.fixture
def behind_one_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.CLIENT_IP_TRUSTED_PROXIES = 1


def test_behind_two_proxies_what_the_client_wrote_is_ignored(behind_two_proxies):
    # The client wrote 6.6.6.6; our outer proxy appended 203.0.113.7, our
    # inner proxy 10.0.0.2; the inner proxy is the connection.
    request = request_from(
        REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.2"
    )

    assert client_ip(request) == "203.0.113.7"


def test_fewer_entries_than_proxies_mean_the_connection_is_the_client(behind_two_proxies):
    # A proxy was bypassed: the one entry may be the client's own choice.
    request = request_from(REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert client_ip(request) == "10.0.0.3"


def test_a_port_after_the_address_is_ignored(behind_one_proxy):
    ipv4 = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7:51234")
    ipv6 = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="[2001:db8:5::1]:443")

    assert client_ip(ipv4) == "203.0.113.7"
    assert client_ip(ipv6) == "2001:db8:5::1"


def test_entries_that_are_not_addresses_are_told_apart(behind_one_proxy):
    first = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="_cache-7f3a")
    again = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="_cache-7f3a")
    other = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="_cache-91bc")

    assert client_network(first) == client_network(again)
    assert client_network(first) != client_network(other)
    # Neither is our proxy's address, nor one a real client could have.
    assert client_network(first) != "10.0.0.2"
    assert ipaddress.ip_address(client_ip(first)) in UNPARSED_PREFIX


def test_clients_behind_unreadable_entries_do_not_share_one_limit(behind_one_proxy, settings):
    settings.ACCOUNT_EMAILS_PER_CLIENT_HOUR = 1
    first = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="_cache-7f3a")
    other = request_from(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="_cache-91bc")

    assert account_email_allowed(first, "signup")
    assert not account_email_allowed(first, "signup")
    assert account_email_allowed(other, "signup")


def test_no_trusted_proxy_is_a_configuration_error():
    environment = {**os.environ, "CLIENT_IP_TRUSTED_PROXIES": "0"}
    run = subprocess.run(
        [sys.executable, "-c", "import carrefour.settings"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )

    assert run.returncode != 0
    assert "CLIENT_IP_TRUSTED_PROXIES must be 1 or more" in run.stderr


def network(**meta):
    return client_network(request_from(**meta))


def test_an_ipv4_client_is_its_address():
    assert network(REMOTE_ADDR="203.0.113.7") == "203.0.113.7"


def test_ipv6_clients_are_grouped_by_64_network():
    first = network(REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    assert first == "2001:db8:1:2::"
    assert network(REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:ffff") == first
    assert network(REMOTE_ADDR="2001:db8:1:3::1") != first


def test_an_ipv4_mapped_ipv6_address_counts_as_ipv4():
    assert network(REMOTE_ADDR="::ffff:203.0.113.7") == "203.0.113.7"


def test_without_a_configured_header_a_forwarded_address_is_ignored(settings):
    settings.CLIENT_IP_HEADER = ""
    assert network(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7") == "10.0.0.2"


def test_behind_one_proxy_the_last_forwarded_address_is_the_client(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.CLIENT_IP_TRUSTED_PROXIES = 1
    # The client forged the first entry; our proxy appended the real one.
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"}
    assert network(**meta) == "203.0.113.7"


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.CLIENT_IP_TRUSTED_PROXIES = 2
    meta = {
        "REMOTE_ADDR": "10.0.0.3",
        "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7, 10.0.0.2",
    }
    assert network(**meta) == "203.0.113.7"


def test_a_missing_header_falls_back_to_the_connection(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert network(REMOTE_ADDR="10.0.0.2") == "10.0.0.2"
