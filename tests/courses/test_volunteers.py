"""Whom a coordinator may register for courses: volunteers with a current engagement."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ehrensache.core.errors import Forbidden
from ehrensache.courses import services
from ehrensache.courses.models import Registration
from ehrensache.courses.queries import volunteers_of_organization
from ehrensache.engagements.models import Engagement
from tests.factories import (
    EngagementFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

E = Engagement.Status


def test_offers_current_volunteers_and_members_only(organization, coordinator):
    today = timezone.localdate()
    active = EngagementFactory(organization=organization, status=E.ACTIVE).volunteer
    planned = EngagementFactory(
        organization=organization, status=E.PLANNED, start=today + timedelta(days=7)
    ).volunteer
    ends_today = EngagementFactory(organization=organization, end=today).volunteer
    EngagementFactory(organization=organization, status=E.ENDED, end=today - timedelta(days=1))
    EngagementFactory(organization=organization, status=E.ACTIVE, end=today - timedelta(days=1))
    EngagementFactory(organization=organization, status=E.NOT_STARTED)
    EngagementFactory(organization=organization, volunteer__is_active=False)
    EngagementFactory(organization=OrganizationFactory())  # another organization's volunteer
    UserFactory()  # nobody's volunteer
    colleague = OrganizationMembershipFactory(organization=organization).user

    offered = set(volunteers_of_organization(organization))

    assert offered == {active, planned, ends_today, colleague, coordinator}


def test_volunteer_with_two_engagements_is_offered_once(organization):
    person = UserFactory()
    EngagementFactory(organization=organization, volunteer=person, start=date(2024, 1, 1))
    EngagementFactory(organization=organization, volunteer=person, start=date(2025, 1, 1))

    assert list(volunteers_of_organization(organization)) == [person]


def test_coordinator_registers_own_volunteer(course, coordinator, organization):
    person = EngagementFactory(organization=organization).volunteer

    registration = services.register_for_course(
        course, person=person, actor=coordinator, on_behalf_of=organization
    )

    assert (registration.status, registration.on_behalf_of) == (
        Registration.Status.CONFIRMED,
        organization,
    )


@pytest.mark.parametrize("status", [E.ENDED, E.NOT_STARTED])
def test_former_volunteers_are_refused(course, coordinator, organization, status):
    engagement = EngagementFactory(
        organization=organization, status=status, end=timezone.localdate() - timedelta(days=2)
    )

    with pytest.raises(Forbidden):
        services.register_for_course(
            course, person=engagement.volunteer, actor=coordinator, on_behalf_of=organization
        )


def test_volunteer_of_other_organization_is_not_offered_and_refused(
    client, course, coordinator, organization
):
    stranger = EngagementFactory(
        organization=OrganizationFactory(name="Tafel Kassel (Demo)"),
        volunteer__display_name="Fremde Freiwillige",
    ).volunteer
    own = EngagementFactory(
        organization=organization, volunteer__display_name="Eigene Freiwillige"
    ).volunteer
    client.force_login(coordinator)

    page = client.get(reverse("courses:register_other", args=[course.pk])).content.decode()
    with pytest.raises(Forbidden):
        services.register_for_course(
            course, person=stranger, actor=coordinator, on_behalf_of=organization
        )

    assert "Eigene Freiwillige" in page
    assert "Fremde Freiwillige" not in page
    assert not course.registrations.filter(person=stranger).exists()
    assert own.pk in set(volunteers_of_organization(organization).values_list("pk", flat=True))
