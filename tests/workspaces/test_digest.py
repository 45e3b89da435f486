import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ehrensache.core.scheduling import periodic_jobs
from ehrensache.notifications import kinds
from ehrensache.notifications import services as notifications
from ehrensache.workspaces import services
from ehrensache.workspaces.notification_kinds import DASHBOARD_DIGEST
from ehrensache.workspaces.tasks import send_dashboard_digests

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the job; queue_mail sends after the commit, so run those callbacks too."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return services.send_dashboard_digests(now=now)

    return run


def _morning(day_offset: int = 0):
    local = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    return local + dt.timedelta(days=day_offset)


def test_the_digest_is_a_periodic_job():
    assert send_dashboard_digests in periodic_jobs()


def test_staff_get_one_mail_a_day_with_what_waits(coordinator, organization, fill, send):
    fill(2)

    assert send(_morning()) == 1
    assert send(_morning()) == 0  # once a day

    (message,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert "Sachen warten auf Sie" in message.subject
    assert "Person 00" in message.body
    assert message.body.index("Person 00") < message.body.index("Person 01")
    assert reverse("workspaces:coordinator", args=[organization.pk]) in message.body
    assert reverse("notifications:preferences") in message.body
    assert send(_morning(1)) == 1


def test_no_mail_when_nothing_waits_or_before_seven(coordinator, fill, send):
    early = _morning().replace(hour=6)

    assert send(_morning()) == 0
    fill(1)
    assert send(early + dt.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_volunteers_get_no_digest(volunteer, fill, send):
    fill(1)  # the volunteer has steps, hours, offers: their own, not staff work

    send(_morning())

    assert [m for m in mail.outbox if m.to == [volunteer.email]] == []


def test_english_speakers_get_it_in_english(coordinator, fill, send):
    coordinator.preferred_language = "en"
    coordinator.save()
    fill(1)

    send(_morning())

    (message,) = mail.outbox
    assert "waiting for you" in message.subject
    assert "New interests" in message.body


def test_people_can_turn_it_off_in_their_notifications(coordinator, fill, send):
    fill(1)

    notifications.save_preferences(coordinator, choices={DASHBOARD_DIGEST: "off"})

    assert send(_morning()) == 0
    notifications.save_preferences(coordinator, choices={DASHBOARD_DIGEST: "mail"})
    assert send(_morning()) == 1


def test_it_is_offered_to_staff_only(coordinator, volunteer):
    kind = kinds.get(DASHBOARD_DIGEST)

    assert kind.applies_to(coordinator)
    assert not kind.applies_to(volunteer)
    assert kind.choices() == ["mail", "off"]


def test_the_dashboard_links_to_the_setting(client, coordinator, organization):
    client.force_login(coordinator)

    html = client.get(reverse("workspaces:coordinator", args=[organization.pk])).content.decode()

    assert reverse("notifications:preferences") in html
