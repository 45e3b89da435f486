"""Who may do what with an organization: one rule each, 404 for hidden ones, 403 for actions."""

import pytest
from django.urls import reverse

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.core.permissions import can
from ehrensache.organizations import services
from ehrensache.organizations.models import Organization
from tests.factories import OrganizationFactory, OrganizationMembershipFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def pending(db):
    organization = OrganizationFactory(
        name="Neu im Ort e.V.", postal_code="35037", status=Organization.Status.PENDING
    )
    OrganizationMembershipFactory(organization=organization, user__email="neu@example.org")
    return organization


def test_coordinator_edits_own_organization_but_not_another(
    client, coordinator, organization, other_coordinator
):
    url = reverse("organizations:edit", args=[organization.slug])
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 403
    with pytest.raises(Forbidden):
        services.update_organization(organization, actor=other_coordinator, name="Übernommen")


def test_pending_organization_is_hidden_from_strangers(client, pending, coordinator, superuser):
    for person in (coordinator, superuser):
        client.force_login(person)
        assert client.get(reverse("organizations:team", args=[pending.slug])).status_code == 404
        with pytest.raises(NotFound):
            services.invite_colleague(pending, actor=person, email="x@example.org")


def test_superuser_without_memberships_is_treated_like_a_volunteer(
    client, superuser, volunteer, organization, pending
):
    for perm, obj in [
        ("organizations.change_organization", organization),
        ("organizations.manage_team", organization),
        ("organizations.review_organization", pending),
        ("organizations.view_review_list", None),
        ("organizations.view_organization", pending),
    ]:
        assert can(superuser, perm, obj) is can(volunteer, perm, obj) is False
    client.force_login(superuser)
    assert client.get(reverse("organizations:review_list")).status_code == 403
    assert "Profil bearbeiten" not in client.get(organization.get_absolute_url()).content.decode()


def test_reviewer_sees_pending_organization_and_its_review_page(client, pending, agency_staff):
    client.force_login(agency_staff)

    assert client.get(reverse("organizations:review", args=[pending.slug])).status_code == 200
    assert "Prüfen und bestätigen" in client.get(pending.get_absolute_url()).content.decode()
