"""The operator's superuser account: the whole Django admin, on the platform only its roles."""

import pytest

from ehrensache.core.permissions import can
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


def test_operator_edits_any_agency_in_the_django_admin(client, operator, agency):
    client.force_login(operator)

    page = client.get(f"/admin/agencies/agency/{agency.pk}/change/")

    assert page.status_code == 200
    assert b'name="_save"' in page.content
    assert operator.has_perm("agencies.change_agency")
    assert operator.has_perm("courses.delete_course")


def test_operator_has_no_platform_rights_on_objects_without_a_membership(operator, agency):
    assert operator.has_perm("agencies.change_agency", agency) is False
    assert can(operator, "agencies.change_agency", agency) is False
    assert operator.has_perm("guide.edit_episodes") is False


def test_a_role_gives_the_operator_what_it_gives_everybody(operator, agency):
    from tests.factories import AgencyMembershipFactory

    AgencyMembershipFactory(user=operator, agency=agency)

    assert operator.has_perm("agencies.change_agency", agency) is True


def test_staff_without_model_permissions_get_nothing_in_the_admin(client, agency_staff):
    agency_staff.is_staff = True
    agency_staff.save()

    assert agency_staff.has_perm("agencies.change_agency") is False
    assert agency_staff.has_perm(
        "agencies.change_agency", agency_staff.agency_memberships.get().agency
    )
