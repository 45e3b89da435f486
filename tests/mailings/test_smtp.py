"""Group messages through a real SMTP server (aiosmtpd): 12 people of Saturday's shifts get
12 mails with the RFC 8058 headers; one opts out with the one-click POST (no login), the next
group message skips her while the cancellation of her shift still reaches her."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from ehrensache.mailings import audiences, services
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
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    for key, value in _email_settings(f"smtp://127.0.0.1:{controller.port}/").items():
        setattr(settings, key, value)
    yield inbox
    controller.stop()


def _write(plan, day, coordinator, key, captured):
    with captured(execute=True):
        mailing, _ = services.send_mailing(
            audiences.get("shift-day"),
            plan,
            choice=day,
            subject="Samstag",
            body="Hallo {vorname}, wir sehen uns {datum}.",
            idempotency_key=key,
            actor=coordinator,
        )
    return mailing


def test_twelve_people_of_saturday_get_twelve_mails(
    smtp, plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks
):
    _shifts, people = saturday_shifts
    mailing = _write(plan, saturday, coordinator, "a" * 24, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 12
    assert {m["To"] for m in smtp.messages} == {p.email for p in people}
    message = smtp.messages[0]
    unsubscribe = "".join(message["List-Unsubscribe"].split())  # unfolded
    assert unsubscribe.startswith("<http") and "/abmelden/" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mailing.deliveries.filter(status="sent").count() == 12


def test_one_click_opt_out_skips_her_while_the_cancellation_reaches_her(
    client, smtp, plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks
):
    from ehrensache.mailings.models import OptOut
    from ehrensache.shifts.services import cancel_shift

    shifts, people = saturday_shifts
    _write(plan, saturday, coordinator, "b" * 24, django_capture_on_commit_callbacks)
    hers = next(m for m in smtp.messages if m["To"] == people[0].email)
    url = "".join(hers["List-Unsubscribe"].split()).strip("<>")
    path = url.split("://", 1)[1].split("/", 1)[1]
    # GET asks; the one-click POST (RFC 8058) opts out without login or CSRF token.
    assert "Abbestellen" in client.get("/" + path).content.decode()
    assert not OptOut.objects.exists()
    client.handler.enforce_csrf_checks = True
    response = client.post(
        "/" + path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert OptOut.objects.filter(person=people[0]).count() == 1

    smtp.messages.clear()
    mailing = _write(plan, saturday, coordinator, "c" * 24, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 11
    assert people[0].email not in {m["To"] for m in smtp.messages}
    assert mailing.deliveries.get(person=people[0]).status == "skipped"

    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_shift(shifts[0], reason="Sturm", actor=coordinator)
    assert people[0].email in {m["To"] for m in smtp.messages}
    assert len(smtp.messages) == 4
