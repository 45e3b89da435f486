"""Bounces: by VERP envelope recipient, by the X-Ehrensache-Delivery header in the returned
mail (MTA pipe command or the inbound endpoint's signal); nothing else changes."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from ehrensache.mailings import audiences, bounces, services
from ehrensache.mailings.models import Delivery

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def sent(plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mailing, _ = services.send_mailing(
            audiences.get("shift-day"),
            plan,
            choice=saturday,
            subject="Hallo",
            body="Text",
            idempotency_key="bounce-test-000000000",
            actor=coordinator,
        )
    return mailing


def _dsn(returned: str) -> bytes:
    return (
        "From: MAILER-DAEMON@example.org\r\n"
        "To: noreply@ehrensache.invalid\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        "Final-Recipient: rfc822; gone@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n" + returned + "\r\n--B--\r\n"
    ).encode()


def _headers(message) -> str:
    return "".join(f"{k}: {v}\r\n" for k, v in message.message().items())


def test_pipe_command_finds_the_delivery_in_the_returned_headers(sent, monkeypatch):
    returned = _headers(mail.outbox[3])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_dsn(returned))))
    out = io.StringIO()
    call_command("record_bounce", stdout=out)
    bounced = Delivery.objects.get(status="bounced")
    assert bounced.person.email == mail.outbox[3].to[0]
    assert "550 5.1.1" in bounced.error
    assert Delivery.objects.filter(mailing=sent, status="sent").count() == 11


def test_pipe_command_with_a_verp_recipient(sent, settings, monkeypatch):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "BOUNCE_ADDRESS": "bounce+{token}@example.org"}
    delivery = sent.deliveries.order_by("pk").first()
    from ehrensache.mailings.tokens import bounce_address

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_dsn("Subject: x"))))
    call_command("record_bounce", recipient=bounce_address(delivery.pk), stdout=io.StringIO())
    delivery.refresh_from_db()
    assert delivery.status == "bounced"


def test_unrelated_or_forged_bounces_change_nothing(sent, monkeypatch):
    forged = "X-Ehrensache-Delivery: 1-0123456789abcdef\r\n"
    for raw in (_dsn("Subject: x"), _dsn(forged), b"\x00\xff garbage"):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
        call_command("record_bounce", stdout=io.StringIO())
    assert not Delivery.objects.filter(status="bounced").exists()


def test_signal_of_the_inbound_endpoint(sent):
    from email import message_from_string

    original = message_from_string(_headers(mail.outbox[0]))
    bounces.on_mail_bounced(None, action="delayed", original_headers=original)
    assert not Delivery.objects.filter(status="bounced").exists()
    bounces.on_mail_bounced(None, action="failed", status="5.1.1", original_headers=original)
    assert Delivery.objects.filter(status="bounced").count() == 1


def test_a_bounce_to_the_inbound_address_marks_the_delivery(sent):
    """The messaging endpoint receives the DSN and sends ``core.mail.mail_bounced``."""
    from ehrensache.messaging.inbound import receive

    result = receive(_dsn(_headers(mail.outbox[5])))
    assert result.status == "bounce"
    bounced = Delivery.objects.get(status="bounced")
    assert bounced.person.email == mail.outbox[5].to[0]
