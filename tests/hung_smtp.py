"""A mail server that accepts connections and never answers: the worst case for a sender."""

import socket
import threading

import pytest


class HungSMTPServer:
    """Listens on 127.0.0.1, accepts every connection, never sends a greeting."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.settimeout(0.1)
        self.connections = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(conn)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()
        for conn in self.connections:
            conn.close()


def send_through(settings, port, *, timeout):
    """Point Django's SMTP backend at a server of the tests on 127.0.0.1."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout


@pytest.fixture
def hung_smtp(settings):
    """The SMTP backend pointed at a hung server, with a short timeout for the sender."""
    server = HungSMTPServer()
    send_through(settings, server.port, timeout=1)
    server.start()
    yield server
    server.stop()
