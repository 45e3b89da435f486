import pytest

from tests.engagements.factories import EngagementFactory


@pytest.fixture
def engagement(volunteer, organization, coordinator):
    return EngagementFactory(
        volunteer=volunteer, organization=organization, coordinator=coordinator
    )


@pytest.fixture
def other_coordinator(db):
    from tests.factories import OrganizationMembershipFactory

    return OrganizationMembershipFactory(user__email="other-coordinator@example.org").user
