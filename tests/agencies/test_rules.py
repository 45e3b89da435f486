import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import NetworkMembershipFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_only_own_staff_and_network_may_change(
    agency, agency_staff, other_agency_staff, volunteer, coordinator, network_staff
):
    allowed = {
        name: user.has_perm("agencies.change_agency", agency)
        for name, user in [
            ("agency_staff", agency_staff),
            ("other_agency_staff", other_agency_staff),
            ("volunteer", volunteer),
            ("coordinator", coordinator),
            ("network_staff", network_staff),
            ("anonymous", AnonymousUser()),
        ]
    }

    assert allowed == {
        "agency_staff": True,
        "other_agency_staff": False,
        "volunteer": False,
        "coordinator": False,
        "network_staff": True,
        "anonymous": False,
    }


def test_name_and_kind_only_for_network(agency, agency_staff, network_staff):
    assert agency_staff.has_perm("agencies.change_agency_identity", agency) is False
    assert network_staff.has_perm("agencies.change_agency_identity", agency) is True


def test_network_staff_is_limited_to_their_state(berlin_agency, network_staff):
    nationwide = NetworkMembershipFactory(state=None).user

    assert network_staff.has_perm("agencies.change_agency", berlin_agency) is False
    assert nationwide.has_perm("agencies.change_agency", berlin_agency) is True


def test_everybody_may_view(agency):
    assert AnonymousUser().has_perm("agencies.view_agency", agency) is True
