import pytest


@pytest.fixture
def other_organization(db):
    from tests.factories import OrganizationFactory

    return OrganizationFactory(name="Sportverein Kassel (Demo)", postal_code="34117")


@pytest.fixture
def other_coordinator(other_organization):
    from tests.factories import OrganizationMembershipFactory

    return OrganizationMembershipFactory(
        organization=other_organization, user__email="other-coordinator@example.org"
    ).user
