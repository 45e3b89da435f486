"""Real concurrent connections against PostgreSQL: a start submitted twice at once gives one
engagement, never an IntegrityError."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from ehrensache.brokering.models import Interest
from ehrensache.engagements import services
from ehrensache.engagements.models import Engagement, OnboardingCheck
from tests.factories import OpportunityFactory, OrganizationMembershipFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers with BEGIN IMMEDIATE; real row locks need PostgreSQL",
    ),
]


def _submit_at_once(times, **start):
    """``times`` coordinators' browsers submit the same start form at the same moment."""
    barrier = threading.Barrier(times)

    def attempt(_):
        from ehrensache.accounts.models import User
        from ehrensache.organizations.models import Organization

        try:
            organization = Organization.objects.get(pk=start["organization_id"])
            actor = User.objects.get(pk=start["actor_id"])
            interest = Interest.objects.filter(pk=start.get("interest_id")).first()
            volunteer = User.objects.filter(pk=start.get("volunteer_id")).first()
            barrier.wait(timeout=30)
            engagement = services.start_engagement(
                organization,
                volunteer=volunteer,
                interest=interest,
                role="Lesepatin",
                start=timezone.localdate(),
                actor=actor,
            )
            return engagement.pk
        except Exception as exc:  # noqa: BLE001 - any other outcome is a failure to count
            return f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(attempt, range(times)))


def test_start_from_one_interest_submitted_ten_times_at_once(regions):
    membership = OrganizationMembershipFactory()
    coordinator, organization = membership.user, membership.organization
    now = timezone.now()
    interest = Interest.objects.create(
        opportunity=OpportunityFactory(organization=organization),
        volunteer=UserFactory(),
        status=Interest.Status.MEETING_AGREED,
        status_changed_at=now,
        created_at=now,
    )

    outcomes = _submit_at_once(
        10, organization_id=organization.pk, actor_id=coordinator.pk, interest_id=interest.pk
    )

    print(outcomes)
    engagement = Engagement.objects.get(interest=interest)
    assert outcomes == [engagement.pk] * 10
    assert OnboardingCheck.objects.filter(engagement=engagement).count() == len(
        services.DEFAULT_ONBOARDING_STEPS
    )
    interest.refresh_from_db()
    assert interest.status == Interest.Status.STARTED


def test_direct_start_submitted_ten_times_at_once(regions):
    membership = OrganizationMembershipFactory()
    coordinator, organization = membership.user, membership.organization
    volunteer = UserFactory()

    outcomes = _submit_at_once(
        10, organization_id=organization.pk, actor_id=coordinator.pk, volunteer_id=volunteer.pk
    )

    engagement = Engagement.objects.get(volunteer=volunteer)
    assert outcomes == [engagement.pk] * 10
