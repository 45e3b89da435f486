"""Staff cancel a shift: marked cancelled, everyone signed up gets the reason and an .ics
with METHOD:CANCEL (same UID as the feed, higher SEQUENCE), an audit entry; no 500s."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from ehrensache.audit.models import LogEntry
from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.shifts import services
from ehrensache.shifts.calendars import shift_uid
from tests.factories import (
    OrganizationMembershipFactory,
    ShiftFactory,
    ShiftPlanFactory,
    ShiftSignupFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def shift(organization):
    shift = ShiftFactory(plan=ShiftPlanFactory(organization=organization), capacity=5)
    for n in range(3):
        ShiftSignupFactory(shift=shift, person=UserFactory(email=f"p{n}@example.org"))
    return shift


def _ics(message):
    [(name, content, mimetype)] = message.attachments
    assert name == "dienst.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_cancel_mails_everyone_with_a_cancelling_ics(
    shift, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.cancel_shift(
            shift, reason="Unwetterwarnung & Sturm", actor=coordinator
        )
    assert cancelled.cancelled_at is not None and cancelled.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    ]
    message = mail.outbox[0]
    assert "Unwetterwarnung & Sturm" in message.body
    cal = _ics(message)
    assert cal["method"] == "CANCEL"
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]) == shift_uid(shift)
    assert int(event["sequence"]) == 1 and event["status"] == "CANCELLED"
    entry = LogEntry.objects.get(action="shifts.shift.cancelled")
    assert entry.data["count"] == 3


def test_feed_shows_the_cancelled_shift_with_the_same_sequence(shift, coordinator):
    from ehrensache.shifts.calendars import shift_event

    services.cancel_shift(shift, reason="Krank", actor=coordinator)
    shift.refresh_from_db()
    event = shift_event(shift)
    assert int(event["sequence"]) == 1 and event["status"] == "CANCELLED"


def test_reason_is_required_and_twice_is_refused(shift, coordinator):
    with pytest.raises(InvalidInput):
        services.cancel_shift(shift, reason=" \x00 ", actor=coordinator)
    services.cancel_shift(shift, reason="Krank", actor=coordinator)
    with pytest.raises(DomainError):
        services.cancel_shift(shift, reason="Krank", actor=coordinator)


def test_only_the_plans_coordinators_may_cancel(shift, volunteer):
    other = OrganizationMembershipFactory().user
    for person in (volunteer, other):
        with pytest.raises((Forbidden, NotFound)):
            services.cancel_shift(shift, reason="x", actor=person)


def test_nobody_signs_up_for_a_cancelled_shift(shift, coordinator, volunteer):
    services.cancel_shift(shift, reason="Krank", actor=coordinator)
    shift.refresh_from_db()
    with pytest.raises(DomainError):
        services.sign_up(shift, person=volunteer)


def test_cancel_page(client, shift, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    url = reverse("shifts:cancel_shift", kwargs={"pk": shift.pk})
    plan_page = client.get(shift.plan.get_absolute_url()).content.decode()
    assert url in plan_page
    page = client.get(url)
    assert "3 eingetragene Personen" in page.content.decode()
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "Der Strom fällt aus"})
    assert done.status_code == 302 and len(mail.outbox) == 3
    assert "abgesagt" in client.get(shift.plan.get_absolute_url()).content.decode()
