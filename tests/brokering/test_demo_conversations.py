import pytest

from ehrensache.brokering import demo as brokering_demo
from ehrensache.brokering import demo_conversations
from ehrensache.messaging.models import Message, Thread
from tests.factories import (
    AgencyMembershipFactory,
    OpportunityFactory,
    OrganizationMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_conversations_are_idempotent(organization, agency):
    demo_conversations.load(out=lambda *_: None)  # no demo accounts: nothing happens
    assert not Thread.objects.exists()

    UserFactory(email=brokering_demo.VOLUNTEER)
    OrganizationMembershipFactory(organization=organization, user__email=brokering_demo.COORDINATOR)
    AgencyMembershipFactory(agency=agency, user__email=brokering_demo.AGENCY_STAFF)
    OpportunityFactory.create_batch(3, organization=organization)
    brokering_demo.load(out=lambda *_: None)  # interests, then their conversations
    brokering_demo.load(out=lambda *_: None)

    assert Thread.objects.count() == 2
    assert Message.objects.filter(source=Message.Source.WEB).count() == 2 * len(
        demo_conversations.LINES
    )
    assert Message.objects.filter(source=Message.Source.INITIAL).count() == 2
