"""The engagements rules through services and pages: the engagement is hidden (404) from
everyone but the volunteer and its coordinators; the coordination's actions answer 403 to the
volunteer; the operator's account is a volunteer like any other."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ehrensache.brokering import services as brokering
from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.core.permissions import can
from ehrensache.engagements import services
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


def _yesterday():
    return timezone.localdate() - timedelta(days=1)


def test_the_owners_coordinator_ends_the_engagement(engagement, coordinator):
    ended = services.end_engagement(engagement, end=_yesterday(), actor=coordinator)

    assert ended.status == "ended"


@pytest.mark.parametrize("who", ["other_coordinator", "agency_staff", "superuser"])
def test_the_engagement_is_hidden_from_others(client, request, engagement, who):
    person = request.getfixturevalue(who)
    client.force_login(person)

    assert client.get(engagement.get_absolute_url()).status_code == 404
    with pytest.raises(NotFound):
        services.end_engagement(engagement, end=_yesterday(), actor=person)
    with pytest.raises(NotFound):
        services.log_hours(
            engagement, date=_yesterday(), minutes=60, activity="Lesen", actor=person
        )


def test_the_volunteer_sees_it_but_may_not_end_it(client, engagement, volunteer):
    client.force_login(volunteer)

    assert client.get(engagement.get_absolute_url()).status_code == 200
    with pytest.raises(Forbidden):
        services.end_engagement(engagement, end=_yesterday(), actor=volunteer)


def test_superuser_gets_the_coordination_pages_refused(client, superuser, organization):
    client.force_login(superuser)

    assert client.get(reverse("engagements:manage")).status_code == 403
    assert client.get(reverse("engagements:checklist", args=[organization.pk])).status_code == 403
    assert not can(superuser, "engagements.manage_organization", organization)


def test_starting_from_an_interest_follows_the_pipeline(client, in_touch, coordinator, volunteer):
    """The interest page offers the start once the pipeline allows it, never to the person."""
    url = reverse("brokering:interest", args=[in_touch.pk])
    client.force_login(coordinator)
    new = client.get(url).content.decode()
    brokering.change_interest_status(in_touch, status="in_contact", actor=coordinator)
    in_contact = client.get(url).content.decode()
    client.force_login(volunteer)

    assert "Engagement anlegen" not in new
    assert "Engagement anlegen" in in_contact
    assert "Engagement anlegen" not in client.get(url).content.decode()
    in_touch.refresh_from_db()
    assert can(coordinator, "engagements.start_engagement_from_interest", in_touch)
    assert not can(volunteer, "engagements.start_engagement_from_interest", in_touch)
