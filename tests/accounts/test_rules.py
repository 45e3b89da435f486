import pytest

from ehrensache.accounts import rules as r
from ehrensache.accounts.roles import forget_roles

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_role_predicates_per_role(volunteer, agency_staff, coordinator, network_staff):
    from django.contrib.auth.models import AnonymousUser

    table = {
        "anonymous": AnonymousUser(),
        "volunteer": volunteer,
        "agency_staff": agency_staff,
        "coordinator": coordinator,
        "network_staff": network_staff,
    }

    result = {
        name: (
            r.is_authenticated(user),
            r.is_agency_staff(user),
            r.is_coordinator(user),
            r.is_network_staff(user),
            r.has_professional_role(user),
        )
        for name, user in table.items()
    }

    assert result == {
        "anonymous": (False, False, False, False, False),
        "volunteer": (True, False, False, False, False),
        "agency_staff": (True, True, False, False, True),
        "coordinator": (True, False, True, False, True),
        "network_staff": (True, False, False, True, True),
    }


def test_object_predicates(agency, other_agency, agency_staff, organization, coordinator):
    assert r.staffs_agency(agency_staff, agency) is True
    assert r.staffs_agency(agency_staff, other_agency) is False
    assert r.coordinates_organization(coordinator, organization) is True
    assert r.coordinates_organization(agency_staff, organization) is False


def test_network_staff_sees_objects_of_their_state_only(network_staff, agency):
    from ehrensache.regions.models import State

    berlin = State.objects.get(code="11")

    assert r.is_network_staff_for_object(network_staff, agency) is True
    assert r.is_network_staff_for_object(network_staff, berlin) is False


def test_roles_are_cached_per_user_and_can_be_forgotten(
    volunteer, agency, django_assert_num_queries
):
    from tests.factories import AgencyMembershipFactory

    assert r.is_agency_staff(volunteer) is False
    AgencyMembershipFactory(user=volunteer, agency=agency)
    with django_assert_num_queries(0):
        assert r.is_agency_staff(volunteer) is False
    forget_roles(volunteer)

    assert r.is_agency_staff(volunteer) is True
