"""The opportunities rules through services and pages: 404 hidden, 403 refused, no superuser
shortcut."""

import pytest
from django.urls import reverse

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.core.permissions import can
from ehrensache.opportunities import services
from ehrensache.opportunities.models import Opportunity
from tests.factories import OpportunityFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


def test_the_owners_coordinator_edits_and_sees_the_button(client, coordinator, organization):
    opportunity = OpportunityFactory(organization=organization)
    client.force_login(coordinator)

    assert "Angebot bearbeiten" in client.get(opportunity.get_absolute_url()).content.decode()
    assert client.get(reverse("opportunities:edit", args=[opportunity.pk])).status_code == 200
    assert services.pause_opportunity(opportunity, actor=coordinator).status == "paused"


def test_superuser_is_treated_like_a_volunteer(client, superuser, volunteer, organization):
    published = OpportunityFactory(organization=organization)
    draft = OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT)

    for perm, obj in [
        ("opportunities.change_opportunity", published),
        ("opportunities.create_opportunity", organization),
        ("opportunities.issue_api_token", None),
        ("opportunities.view_opportunity", draft),
    ]:
        assert can(superuser, perm, obj) is can(volunteer, perm, obj) is False
    with pytest.raises(Forbidden):
        services.update_opportunity(published, actor=superuser, title="Vom Betreiber")
    with pytest.raises(NotFound):
        services.publish_opportunity(draft, actor=superuser)
    client.force_login(superuser)
    assert "Angebot bearbeiten" not in client.get(published.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_api_keys_only_for_coordinators_and_their_owner(client, volunteer, coordinator):
    with pytest.raises(Forbidden):
        services.issue_api_token(actor=volunteer, name="Website")
    token, _secret = services.issue_api_token(actor=coordinator, name="Website")
    with pytest.raises(NotFound):  # someone else's key does not exist for them
        services.revoke_api_token(token, actor=volunteer)
    client.force_login(volunteer)
    assert "Schlüssel erzeugen" not in client.get(reverse("opportunities:tokens")).content.decode()
