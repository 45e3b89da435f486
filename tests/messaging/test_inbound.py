"""Mail in both directions: a message goes through a real local SMTP server (aiosmtpd) with a
signed Reply-To address; the reply, built from the received mail, comes back through
``manage.py receive_mail`` and through the webhook and joins the conversation."""

import io
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ehrensache.messaging import inbound, reply_tokens, services
from ehrensache.messaging.models import Bounce, Message

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/nachrichten/eingang/"
AUTH = {"HTTP_AUTHORIZATION": "Bearer s3cret-inbound"}


@pytest.fixture
def delivered(interest, coordinator, volunteer, smtp_inbox, commit):
    """The coordinator wrote; the mail to the volunteer arrived at the SMTP server."""
    thread = services.open_thread(interest)
    with commit(execute=True):
        services.post_message(thread, author=coordinator, text="Passt Ihnen Samstag um 10?")
    [mail] = smtp_inbox.to(volunteer.email)
    return thread, mail


def reply_to(mail, *, sender, text, html=None, message_id=None, charset="utf-8"):
    """The reply a mail program writes: to the Reply-To address, the original quoted."""
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = str(mail["Reply-To"])
    reply["Subject"] = "Re: " + str(mail["Subject"])
    reply["Message-ID"] = message_id or make_msgid(domain="mail.example.org")
    reply["In-Reply-To"] = str(mail["Message-ID"])
    quoted = "\n".join("> " + line for line in mail.get_body(("plain",)).get_content().splitlines())
    body = f"{text}\n\nAm 07.12.2026 um 10:00 schrieb Ehrensache <noreply@example.org>:\n{quoted}\n"
    if html is None:
        reply.set_content(body, charset=charset)
    else:
        reply.set_content(html, subtype="html", charset=charset)
    return reply.as_bytes()


def run_command(raw, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("receive_mail", stdin=io.BytesIO(raw), stdout=out, stderr=err, **kwargs)
    except SystemExit as exc:
        return exc.code, err.getvalue()
    return 0, out.getvalue()


def test_mail_arrives_with_signed_reply_address(delivered, volunteer):
    thread, mail = delivered
    assert "Passt Ihnen Samstag um 10?" in mail.get_body(("plain",)).get_content()
    address = str(mail["Reply-To"])
    assert address.startswith("antwort+") and address.endswith("@ehrensache.example")
    token = reply_tokens.address_pattern().fullmatch(address).group(1)
    read = reply_tokens.read_token(token)
    assert (read.thread_id, read.user_id) == (thread.pk, volunteer.pk)
    assert mail["Auto-Submitted"] == "auto-generated"


def test_reply_through_the_mta_pipe_joins_the_thread(delivered, volunteer):
    thread, mail = delivered
    raw = reply_to(mail, sender=f"Vera <{volunteer.email.upper()}>", text="Ja, Samstag passt!")

    code, out = run_command(raw)

    assert (code, out.strip()) == (0, "posted")
    latest = thread.messages.order_by("-pk").first()
    assert latest.text == "Ja, Samstag passt!"
    assert latest.author == volunteer
    assert latest.source == Message.Source.MAIL
    # The same mail delivered again adds nothing.
    assert run_command(raw)[1].strip() == "duplicate"
    assert thread.messages.filter(source=Message.Source.MAIL).count() == 1


def test_reply_through_the_webhook_joins_the_thread(delivered, volunteer, coordinator, client):
    thread, mail = delivered
    raw = reply_to(mail, sender=volunteer.email, text="Über den Webhook: gern!")

    response = client.post(URL, raw, content_type="message/rfc822", **AUTH)

    assert response.status_code == 200
    assert response.json()["status"] == "posted"
    assert thread.messages.order_by("-pk").first().text == "Über den Webhook: gern!"
    # the coordinator sees it as unread, and the page shows it
    client.force_login(coordinator)
    page = client.get(reverse("messaging:thread", kwargs={"pk": thread.pk})).content.decode()
    assert "Über den Webhook: gern!" in page
    assert "per E-Mail" in page


def test_webhook_needs_the_secret(delivered, volunteer, client, settings):
    _thread, mail = delivered
    raw = reply_to(mail, sender=volunteer.email, text="x")
    assert client.post(URL, raw, content_type="message/rfc822").status_code == 403
    bad = {"HTTP_AUTHORIZATION": "Bearer wrong"}
    assert client.post(URL, raw, content_type="message/rfc822", **bad).status_code == 403
    settings.EHRENSACHE = {**settings.EHRENSACHE, "INBOUND_SECRET": ""}
    assert client.post(URL, raw, content_type="message/rfc822", **AUTH).status_code == 404
    assert not Message.objects.filter(source=Message.Source.MAIL).exists()


def test_html_only_reply_in_latin1(delivered, volunteer):
    thread, mail = delivered
    html = (
        "<html><body><p>Grüße aus Gießen &amp; gern am Samstag!</p>"
        '<div class="gmail_quote">Am 07.12. schrieb Ehrensache:<blockquote>Passt Ihnen '
        "Samstag?</blockquote></div></body></html>"
    )
    raw = reply_to(mail, sender=volunteer.email, text="", html=html, charset="iso-8859-1")

    assert run_command(raw)[0] == 0
    assert thread.messages.order_by("-pk").first().text == "Grüße aus Gießen & gern am Samstag!"


def _refused(raw, code, **kwargs):
    status, err = run_command(raw, **kwargs)
    assert status == 65
    result = inbound.receive(raw)
    assert result.code == code
    assert err.strip() == result.reason
    assert not Message.objects.filter(source=Message.Source.MAIL).exists()


def test_sender_must_be_the_tokens_person(delivered, volunteer2):
    _thread, mail = delivered
    _refused(reply_to(mail, sender=volunteer2.email, text="Ich bin jemand anders"), "wrong_sender")


def test_forged_token_is_refused(delivered, volunteer):
    _thread, mail = delivered
    raw = reply_to(mail, sender=volunteer.email, text="Hallo")
    address = str(mail["Reply-To"])
    token = reply_tokens.address_pattern().fullmatch(address).group(1)
    thread_part, user_part, day, signature = token.split(".")
    forged = f"{thread_part}.{user_part}.{day}.{'a' * len(signature)}"
    _refused(raw.replace(token.encode(), forged.encode()), "bad_token")


def test_token_for_another_person_cannot_be_reused(delivered, volunteer, coordinator):
    """Someone who got the coordinator's token cannot post as the volunteer and back."""
    thread, mail = delivered
    other = reply_tokens.make_token(thread.pk, coordinator.pk)
    token = reply_tokens.address_pattern().fullmatch(str(mail["Reply-To"])).group(1)
    raw = reply_to(mail, sender=volunteer.email, text="Hallo").replace(
        token.encode(), other.encode()
    )
    _refused(raw, "wrong_sender")


def test_expired_token_is_refused(delivered, volunteer):
    thread, mail = delivered
    old = reply_tokens.make_token(
        thread.pk, volunteer.pk, today=timezone.localdate() - timedelta(days=400)
    )
    token = reply_tokens.address_pattern().fullmatch(str(mail["Reply-To"])).group(1)
    raw = reply_to(mail, sender=volunteer.email, text="Spät").replace(token.encode(), old.encode())
    _refused(raw, "bad_token")


def test_mail_without_token_and_empty_reply_and_huge_mail(delivered, volunteer, settings):
    _thread, mail = delivered
    raw = reply_to(mail, sender=volunteer.email, text="Hallo")
    token = reply_tokens.address_pattern().fullmatch(str(mail["Reply-To"])).group(1)
    _refused(raw.replace(b"antwort+" + token.encode(), b"info"), "no_token")
    _refused(reply_to(mail, sender=volunteer.email, text=""), "empty")
    settings.EHRENSACHE = {**settings.EHRENSACHE, "INBOUND_MAX_BYTES": 100}
    _refused(raw, "too_large")


def test_reply_loses_access_when_the_volunteer_withdrew_from_view(delivered, volunteer, interest):
    """The token is valid, but the person no longer takes part: refused, nothing stored."""
    _thread, mail = delivered
    raw = reply_to(mail, sender=volunteer.email, text="Noch da?")
    interest.volunteer = None
    interest.conversation = None
    # An interest needs a person; move it to another one instead.
    from tests.factories import UserFactory

    interest.volunteer = UserFactory()
    interest.save()
    _refused(raw, "not_found")


def test_out_of_office_is_ignored(delivered, volunteer):
    _thread, mail = delivered
    raw = reply_to(mail, sender=volunteer.email, text="Ich bin im Urlaub.")
    raw = b"Auto-Submitted: auto-replied\r\n" + raw
    assert run_command(raw) == (0, "ignored\n")
    assert not Message.objects.filter(source=Message.Source.MAIL).exists()


def test_bounce_is_recorded_not_posted(delivered, volunteer):
    from django.dispatch import receiver

    from ehrensache.core.mail import mail_bounced

    thread, mail = delivered
    seen = []

    @receiver(mail_bounced)
    def on_bounce(sender, **kwargs):
        seen.append(kwargs)

    dsn = (
        "From: MAILER-DAEMON@mail.example.org\r\n"
        "To: antwort@ehrensache.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <dsn-1@mail.example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mail.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {volunteer.email}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: <orig-1@ehrensache.example>\r\nReply-To: {mail['Reply-To']}\r\n"
        "--B--\r\n"
    ).encode()
    try:
        assert run_command(dsn) == (0, "bounce\n")
    finally:
        mail_bounced.disconnect(on_bounce)

    bounce = Bounce.objects.get()
    assert (bounce.recipient, bounce.status, bounce.action) == (volunteer.email, "5.1.1", "failed")
    assert (bounce.thread, bounce.user) == (thread, volunteer)
    assert bounce.original_message_id == "<orig-1@ehrensache.example>"
    assert seen[0]["recipient"] == volunteer.email
    assert not Message.objects.filter(source=Message.Source.MAIL).exists()


def test_unreadable_input_does_not_crash(delivered):
    for raw in (b"", b"\x00\xff\xfe garbage", b"From: x\r\n\r\n" + b"\xff" * 100):
        result = inbound.receive(raw)
        assert not result.accepted


def test_token_survives_lower_casing(thread_and_user=None):
    token = reply_tokens.make_token(12, 34)
    assert token == token.lower()
    assert reply_tokens.read_token(token.upper()).thread_id == 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gern!\n\n-- \nVera Volunteer\nTel. 0123\n",
            "Gern!",
        ),
        (
            "Passt.\n\n-----Ursprüngliche Nachricht-----\nVon: Ehrensache\nGesendet: Montag\nAlt",
            "Passt.",
        ),
        (
            "Ok\n\nOn Mon, Dec 7, 2026 at 10:00 AM Ehrensache <x@example.org> wrote:\n> alt\n",
            "Ok",
        ),
    ],
)
def test_quotes_and_signatures_are_stripped(text, expected):
    assert inbound.strip_quotes(text) == expected


def test_html_quotes_with_nested_blocks_are_left_out():
    html = (
        "<div>Danke,<br>bis Dienstag!</div>"
        '<div class="gmail_quote"><div>Am Montag schrieb Ehrensache:</div>'
        "<blockquote><div>Passt Dienstag?</div></blockquote><div>alt</div></div>"
        "<script>x()</script>"
    )
    assert inbound.html_to_text(html) == "Danke,\nbis Dienstag!"


@pytest.mark.parametrize(
    "raw",
    [
        b"From: <>\r\nTo: ???\r\n\r\nHallo",
        b"From: a@b\r\nTo: antwort+1.1.1.abc@ehrensache.example\r\n\r\nHallo",
        b"Content-Type: multipart/report; report-type*=utf-8''delivery-status\r\n\r\n",
        b"Content-Type: text/plain; charset=x-unknown\r\nFrom: a@b\r\n\r\n\xff\xfe",
        b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n",
        b"From: =?utf-8?b?broken?= <a@b>\r\nTo: =?x?q?y?=\r\n\r\nx",
    ],
)
def test_malformed_mails_are_refused_or_recorded_without_crashing(raw):
    result = inbound.receive(raw)
    assert result.status in {"rejected", "bounce"}


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "²", "9" * 40, "12 34"])
def test_webhook_with_a_malformed_content_length_is_refused(client, length):
    response = client.post(
        URL,
        b"From: a@example.org\r\n\r\nHallo",
        content_type="message/rfc822",
        CONTENT_LENGTH=length,
        **AUTH,
    )
    assert response.status_code in (400, 413)
    assert not Message.objects.filter(source=Message.Source.MAIL).exists()
