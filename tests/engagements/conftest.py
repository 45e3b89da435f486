import pytest

from tests.factories import EngagementFactory


@pytest.fixture
def engagement(volunteer, organization, coordinator):
    return EngagementFactory(
        volunteer=volunteer, organization=organization, coordinator=coordinator
    )


@pytest.fixture
def other_coordinator(db):
    from tests.factories import OrganizationMembershipFactory

    return OrganizationMembershipFactory(user__email="other-coordinator@example.org").user


@pytest.fixture
def in_touch(volunteer, organization):
    """The volunteer said "Ich habe Interesse" to one of the organization's opportunities, so
    its coordinators may start an engagement by the volunteer's e-mail address."""
    from ehrensache.brokering.services import express_interest
    from tests.factories import OpportunityFactory

    opportunity = OpportunityFactory(organization=organization, title="Lesepatenschaft")
    return express_interest(opportunity, volunteer=volunteer, message="Hallo")[0]
