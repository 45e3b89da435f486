import pytest

from ehrensache.brokering import demo
from ehrensache.brokering.models import Conversation, Interest
from tests.factories import (
    AgencyMembershipFactory,
    OpportunityFactory,
    OrganizationMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_loader_is_idempotent_and_tolerates_missing_objects(organization, agency):
    demo.load(out=lambda *_: None)  # no demo accounts yet: nothing happens
    assert Interest.objects.count() == 0

    UserFactory(email=demo.VOLUNTEER)
    OrganizationMembershipFactory(organization=organization, user__email=demo.COORDINATOR)
    AgencyMembershipFactory(agency=agency, user__email=demo.AGENCY_STAFF)
    OpportunityFactory.create_batch(3, organization=organization)

    demo.load(out=lambda *_: None)
    demo.load(out=lambda *_: None)

    assert Interest.objects.filter(volunteer__email=demo.VOLUNTEER).count() == 2
    assert Interest.objects.filter(agency=agency).count() == 1
    assert Conversation.objects.count() == 1
