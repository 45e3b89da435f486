"""organizations_without_coordinator: the agency's (or network's) region, confirmed
organizations whose nobody coordinates, with a fixed query count."""

import pytest

from ehrensache.organizations.queries import organizations_without_coordinator
from tests.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def names(user):
    return [o.name for o in organizations_without_coordinator(user)]


def test_lists_only_uncoordinated_confirmed_organizations_of_the_region(
    agency_staff, other_agency, organization, coordinator
):
    orphan = OrganizationFactory(name="Ohne Koordination (Marburg)", postal_code="35037")
    OrganizationFactory(name="Noch nicht bestätigt", postal_code="35037", status="pending")
    OrganizationFactory(name="Kassel ohne Koordination", postal_code="34117")
    left = OrganizationFactory(name="Koordination ausgetreten", postal_code="35037")
    OrganizationMembershipFactory(organization=left, user__is_active=False)

    assert set(names(agency_staff)) == {orphan.name, left.name}


def test_others_see_nothing(volunteer, coordinator, other_agency):
    OrganizationFactory(postal_code="35037")
    kassel_staff = UserFactory()
    other_agency.memberships.create(user=kassel_staff)
    assert names(volunteer) == []
    assert names(coordinator) == []
    assert names(kassel_staff) == []


def test_network_staff_see_their_state(network_staff):
    orphan = OrganizationFactory(postal_code="35037")
    assert names(network_staff) == [orphan.name]


@pytest.mark.parametrize("count", [1, 5])
def test_one_query_whatever_the_number(agency_staff, django_assert_num_queries, count):
    for _ in range(count):
        OrganizationFactory(postal_code="35037")
    from ehrensache.accounts.roles import roles_of

    roles_of(agency_staff)  # cached per request in real use
    with django_assert_num_queries(1):
        rows = list(organizations_without_coordinator(agency_staff))
    assert len(rows) == count
    assert rows[0].open_invitations == 0


def test_open_invitations_count_people_not_claim_links(agency_staff):
    from ehrensache.organizations.services import create_claim_link, invite_coordinator

    orphan = OrganizationFactory(postal_code="35037", email="kontakt@verein.example")
    create_claim_link(orphan)
    invite_coordinator(orphan, actor=agency_staff, email="neu@example.org")
    [row] = organizations_without_coordinator(agency_staff)
    assert row.open_invitations == 1
