"""One mail through a real SMTP server (aiosmtpd), configured via the EMAIL_URL parsing."""

import pytest

from ehrensache.settings import _email_settings

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_password_reset_mail_goes_through_real_smtp(client, volunteer, settings, smtp_inbox):
    client.post("/konto/password/reset/", {"email": volunteer.email})

    assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == volunteer.email
    assert "/konto/password/reset/key/" in message.get_body(("plain",)).get_content()


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
