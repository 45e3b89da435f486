"""A mail server that is down never fails a request (issue 14, "No server error").

In production with the immediate task backend every mail is sent during the request: sign-up,
password reset and every service mail (``core.mail.queue_mail``). With the SMTP server down
the request still completes, the account is whole, and the error is logged."""

import logging
import socket

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAILED_NOTICE = "konnte gerade nicht verschickt werden"


@pytest.fixture
def smtp_down(settings):
    """Django's mail goes over SMTP to a local port where nobody listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = IMMEDIATE
    assert isinstance(task_backends["default"], ImmediateBackend)
    return port


def _sign_up(client, email, password):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
        follow=True,
    )


def test_sign_up_completes_and_says_the_mail_must_be_fetched_again(
    client, smtp_down, password, caplog
):
    with caplog.at_level(logging.ERROR):
        response = _sign_up(client, "neu@example.org", password)

    assert response.status_code == 200
    user = get_user_model().objects.get(email="neu@example.org")
    assert user.has_usable_password() and user.emailaddress_set.get().verified is False
    assert FAILED_NOTICE in response.content.decode()
    assert "Melden Sie sich später" in response.content.decode()
    assert "email_confirmation_signup could not be sent" in caplog.text


def test_signing_in_later_sends_the_confirmation_again(client, smtp_down, password, mailoutbox):
    from django.core.cache import cache

    _sign_up(client, "neu@example.org", password)
    cache.clear()  # later: past the limit of one confirmation mail per three minutes
    # The mail server is back.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        client.post(reverse("account_login"), {"login": "neu@example.org", "password": password})

    assert [m.to for m in mailoutbox] == [["neu@example.org"]]


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_shows_its_usual_page(client, smtp_down, known, caplog):
    if known:
        UserFactory(email="vera@example.org")

    with caplog.at_level(logging.ERROR):
        response = client.post(
            reverse("account_reset_password"), {"email": "vera@example.org"}, follow=True
        )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("account_reset_password_done")
    assert FAILED_NOTICE not in response.content.decode()
    assert "could not be sent" in caplog.text


def test_service_mail_during_a_request_survives(
    client, smtp_down, coordinator, organization, django_capture_on_commit_callbacks, caplog
):
    """``core.mail.queue_mail`` with the immediate backend: the task fails, the request not."""
    client.force_login(coordinator)
    url = reverse("organizations:team", args=[organization.slug])

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "kollegin@example.org"})

    assert response.status_code == 302
    assert organization.invitations.filter(email="kollegin@example.org").exists()
    assert "send_email state=FAILED" in caplog.text


def test_with_a_queue_sign_up_never_waits_for_the_mail_server(client, smtp_down, password):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DATABASE):
        response = _sign_up(client, "neu@example.org", password)

    assert response.status_code == 200
    assert FAILED_NOTICE not in response.content.decode()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
