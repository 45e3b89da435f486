"""One mail through a real SMTP server (aiosmtpd), configured via the EMAIL_URL parsing."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from ehrensache.settings import _email_settings

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_password_reset_mail_goes_through_real_smtp(client, volunteer, settings, smtp_server):
    controller, inbox = smtp_server
    for key, value in _email_settings(f"smtp://127.0.0.1:{controller.port}/").items():
        setattr(settings, key, value)

    client.post("/konto/password/reset/", {"email": volunteer.email})

    assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == volunteer.email
    assert "/konto/password/reset/key/" in message.get_payload(decode=True).decode()


def test_email_url_parsing_of_smtp_with_credentials_and_tls():
    parsed = _email_settings("smtp://user%40x:p%3Ass@mail.example.org:587/?tls=1")

    assert parsed == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "user@x",
        "EMAIL_HOST_PASSWORD": "p:ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 20,
    }
