import pytest
from django.utils import timezone

from ehrensache.brokering.models import Conversation, Interest
from ehrensache.core.taxonomy import FieldOfActivity
from tests.factories import (
    AgencyMembershipFactory,
    EngagementFactory,
    OpportunityFactory,
    OrganizationMembershipFactory,
    UserFactory,
)

INBOUND = "antwort+{token}@ehrensache.example"


@pytest.fixture(autouse=True)
def _inbound(settings):
    settings.EHRENSACHE = {
        **settings.EHRENSACHE,
        "INBOUND_ADDRESS": INBOUND,
        "INBOUND_SECRET": "s3cret-inbound",
    }


@pytest.fixture
def opportunity(organization):
    return OpportunityFactory(
        organization=organization, title="Lesepatenschaft", field=FieldOfActivity.BILDUNG
    )


@pytest.fixture
def interest(opportunity, volunteer):
    now = timezone.now()
    return Interest.objects.create(
        opportunity=opportunity,
        volunteer=volunteer,
        message="Ich lese gern vor und hätte samstags Zeit.",
        status_changed_at=now,
        created_at=now,
    )


@pytest.fixture
def referral(opportunity, agency, agency_staff):
    """A referred interest of a second volunteer (the agency's staff take part)."""
    now = timezone.now()
    person = UserFactory(email="referred@example.org", display_name="Rita Referred")
    conversation = Conversation.objects.create(
        agency=agency,
        staff=agency_staff,
        held_on=timezone.localdate(),
        volunteer=person,
        consent=True,
        consent_recorded_at=now,
    )
    return Interest.objects.create(
        opportunity=opportunity,
        volunteer=person,
        agency=agency,
        conversation=conversation,
        referred_by=agency_staff,
        status_changed_at=now,
        created_at=now,
    )


@pytest.fixture
def engagement(volunteer, organization):
    return EngagementFactory(volunteer=volunteer, organization=organization, role="Lesepatin")


@pytest.fixture
def volunteer2(db):
    return UserFactory(email="volunteer2@example.org")


@pytest.fixture
def other_coordinator(db):
    return OrganizationMembershipFactory(user__email="other-coordinator@example.org").user


@pytest.fixture
def other_agency_staff(other_agency):
    return AgencyMembershipFactory(agency=other_agency, user__email="other-agency@example.org").user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
