import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from ehrensache.core.errors import DomainError, NotFound
from ehrensache.recognition import services
from tests.factories import (
    EngagementFactory,
    EngagementProofFactory,
    HoursEntryFactory,
    UserFactory,
)

from .factories import completion

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_volunteer_requests_and_coordinator_issues(
    organization, coordinator, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(
        organization=organization, start=dt.date(2025, 1, 1), role="Lesepatin"
    )
    HoursEntryFactory(engagement=engagement, date=dt.date(2025, 3, 1), minutes=150, verified=True)
    HoursEntryFactory(engagement=engagement, date=dt.date(2025, 3, 8), minutes=90)
    completion(engagement.volunteer, category="first_aid", units=9, day=dt.date(2025, 5, 1))

    with django_capture_on_commit_callbacks(execute=True):
        proof = services.request_proof(engagement, actor=engagement.volunteer)
        issued = services.issue_proof(proof, actor=coordinator, today=dt.date(2025, 12, 31))

    assert issued.status == "issued"
    assert (issued.role, issued.hours, issued.period_start) == (
        "Lesepatin",
        Decimal("2.5"),
        dt.date(2025, 1, 1),
    )
    assert len(issued.trainings) == 1
    assert issued.signer_name == str(coordinator)
    assert [m.to for m in mail.outbox] == [[coordinator.email], [engagement.volunteer.email]]


def test_only_the_volunteer_requests():
    engagement = EngagementFactory()

    with pytest.raises(NotFound):
        services.request_proof(engagement, actor=UserFactory())


def test_second_open_request_is_refused():
    engagement = EngagementFactory()
    services.request_proof(engagement, actor=engagement.volunteer)

    with pytest.raises(DomainError):
        services.request_proof(engagement, actor=engagement.volunteer)


def test_coordinator_of_other_organization_cannot_issue(coordinator):
    proof = EngagementProofFactory()

    with pytest.raises(NotFound):
        services.issue_proof(proof, actor=coordinator)

    proof.refresh_from_db()
    assert proof.status == "requested"


def test_issued_proof_cannot_be_issued_again(organization, coordinator):
    proof = EngagementProofFactory(engagement__organization=organization)
    services.issue_proof(proof, actor=coordinator)

    with pytest.raises(DomainError):
        services.issue_proof(proof, actor=coordinator)
