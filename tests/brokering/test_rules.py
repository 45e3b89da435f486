"""The brokering permission matrix, per role (django-rules predicates in brokering/rules.py)."""

from datetime import date

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ehrensache.brokering.models import (
    Conversation,
    FollowUp,
    Interest,
    Invitation,
    VolunteerProfile,
)
from tests.factories import OpportunityFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ROLES = (
    "volunteer",
    "other_volunteer",
    "coordinator",
    "other_coordinator",
    "agency_staff",
    "other_agency_staff",
    "network_staff",
    "anonymous",
)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def records(agency, agency_staff, opportunity, volunteer):
    """A referral for an account holder, one for a guest, the conversation and its follow-up."""
    now = timezone.now()
    conversation = Conversation.objects.create(
        agency=agency,
        staff=agency_staff,
        held_on=date(2026, 3, 2),
        guest_name="Gerda Gast",
        consent=True,
        consent_recorded_at=now,
    )
    common = {
        "opportunity": opportunity,
        "agency": agency,
        "referred_by": agency_staff,
        "status": Interest.Status.NEW,
        "status_changed_at": now,
        "created_at": now,
    }
    interest = Interest.objects.create(volunteer=volunteer, **common)
    guest_interest = Interest.objects.create(conversation=conversation, **common)
    follow_up = FollowUp.objects.create(interest=interest, agency=agency, due_on=date(2026, 4, 13))
    invitation = Invitation.objects.create(
        opportunity=opportunity, volunteer=volunteer, invited_by=agency_staff, created_at=now
    )
    orphan = OpportunityFactory(organization=OrganizationFactory(postal_code="35037"))
    routed = {"volunteer": volunteer, "status_changed_at": now, "created_at": now}
    held = Interest.objects.create(
        opportunity=orphan, routed_to="agency", routed_agency=agency, **routed
    )
    handed_over = Interest.objects.create(
        opportunity=OpportunityFactory(organization=orphan.organization),
        routed_to="coordinators",
        routed_agency=agency,
        **routed,
    )
    at_network = Interest.objects.create(
        opportunity=OpportunityFactory(organization=orphan.organization),
        routed_to="network",
        **routed,
    )
    return {
        "held": held,
        "handed_over": handed_over,
        "at_network": at_network,
        "organization": opportunity.organization,
        "invitation": invitation,
        "profile": VolunteerProfile.objects.create(user=volunteer),
        "interest": interest,
        "guest_interest": guest_interest,
        "opportunity": opportunity,
        "agency": agency,
        "conversation": conversation,
        "follow_up": follow_up,
        None: None,
    }


# (permission, object) -> the roles that hold it; everyone else is refused.
MATRIX = {
    ("brokering.view_interest", "interest"): {"volunteer", "coordinator", "agency_staff"},
    ("brokering.message_interest", "interest"): {"volunteer", "coordinator", "agency_staff"},
    ("brokering.change_interest_status", "interest"): {"volunteer", "coordinator"},
    ("brokering.withdraw_interest", "interest"): {"volunteer"},
    ("brokering.manage_interest", "interest"): {"coordinator"},
    ("brokering.view_interest", "guest_interest"): {"coordinator", "agency_staff"},
    ("brokering.message_interest", "guest_interest"): {"coordinator", "agency_staff"},
    ("brokering.change_interest_status", "guest_interest"): {"coordinator", "agency_staff"},
    ("brokering.withdraw_interest", "guest_interest"): {"agency_staff"},
    ("brokering.manage_interest", "guest_interest"): {"coordinator"},
    ("brokering.view_interest", "held"): {"volunteer", "agency_staff"},
    ("brokering.manage_interest", "held"): {"agency_staff"},
    ("brokering.change_interest_status", "held"): {"volunteer", "agency_staff"},
    ("brokering.view_interest", "handed_over"): {"volunteer", "agency_staff"},
    ("brokering.manage_interest", "handed_over"): set(),
    ("brokering.view_interest", "at_network"): {"volunteer", "network_staff"},
    ("brokering.manage_interest", "at_network"): {"network_staff"},
    ("brokering.view_routed_interests", None): {
        "agency_staff",
        "other_agency_staff",
        "network_staff",
    },
    ("brokering.express_interest", "opportunity"): set(ROLES) - {"coordinator"},
    ("brokering.view_inbox", None): {"coordinator", "other_coordinator"},
    ("brokering.view_organization_inbox", "organization"): {"coordinator"},
    ("brokering.invite_volunteer", "opportunity"): {"coordinator"},
    ("brokering.view_invitation", "invitation"): {"volunteer", "coordinator"},
    ("brokering.view_volunteerprofile", "profile"): {"volunteer"},
    ("brokering.view_counselling", None): {"agency_staff", "other_agency_staff"},
    ("brokering.view_agency_counselling", "agency"): {"agency_staff"},
    ("brokering.record_conversation", "agency"): {"agency_staff"},
    ("brokering.view_conversation", "conversation"): {"agency_staff"},
    ("brokering.change_conversation", "conversation"): {"agency_staff"},
    ("brokering.refer", "conversation"): {"agency_staff"},
    ("brokering.view_followup", "follow_up"): {"agency_staff"},
    ("brokering.answer_follow_up", "follow_up"): {"agency_staff"},
}


@pytest.mark.parametrize("role", ROLES)
def test_brokering_permissions_per_role(request, role, records):
    user = request.getfixturevalue(role)

    granted = {key for key in MATRIX if rules.has_perm(key[0], user, records[key[1]])}

    assert granted == {key for key, holders in MATRIX.items() if role in holders}


def test_superuser_gets_no_hidden_brokering_rights(records):
    """Without memberships the operator's account is a volunteer like any other."""
    admin = UserFactory(is_superuser=True, is_staff=True)

    granted = {key for key in MATRIX if admin.has_perm(key[0], records[key[1]])}

    assert granted == {key for key, holders in MATRIX.items() if "other_volunteer" in holders}


def test_every_brokering_permission_is_in_the_matrix():
    from ehrensache.brokering import rules as brokering_rules  # noqa: F401  (registers them)

    registered = {name for name in rules.permissions.permissions if name.startswith("brokering.")}

    assert registered == {permission for permission, _obj in MATRIX}
