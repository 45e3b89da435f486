"""Who may see or do what in brokering (interests, invitations, counselling, referrals).

One readable matrix; every predicate reads ``roles_of(user)`` (cached per request):

==========================  ========================================================
permission                  who
==========================  ========================================================
view_interest               the person who asked; coordinators of the opportunity's
                            organization; staff of the agency that referred it; staff
                            of the agency it was routed to (also after a coordinator
                            took over); network staff of the state while it is routed
                            to the network
change_interest_status      withdraw: the person, or the referring agency's staff for
                            a guest without an account; move along (in contact,
                            meeting, started, declined): the organization's coordinators
manage_interest             the organization's coordinators (move it along); while
                            nobody coordinates the organization: staff of the agency
                            the interest was routed to (agency or contact address) and
                            network staff of the state for one routed to the network
view_routed_interests       anyone who works for an agency or a network (the list of
                            interests routed to them)
message_interest            whoever sees the interest: read and write its conversation
withdraw_interest           the person; the referring agency for a guest
express_interest            everybody but the opportunity's coordinators (anonymous
                            people are asked to sign in first)
view_inbox                  anyone who coordinates an organization
view_organization_inbox     coordinators of that organization
invite_volunteer            coordinators of the opportunity's organization (also: see
                            the matching people of the opportunity)
view_invitation             the invited person; the opportunity's coordinators
view_volunteerprofile       the person themself
view_counselling            anyone who works for an agency
view_agency_counselling     staff of that agency (its conversations, referrals)
record_conversation         staff of that agency
view_conversation           staff of the conversation's agency (also: change it)
refer                       staff of the conversation's agency
view_followup               staff of the follow-up's agency
answer_follow_up            staff of the follow-up's agency
==========================  ========================================================

Agency staff of another agency, coordinators of other organizations and network staff get
nothing here. Enforce with ``core.permissions.require(user, "brokering.refer", conversation)``:
404 for records a person may not see (their ``view_<model>`` rule), 403 for actions on what
they see and for pages of roles they do not have. Superusers get no hidden extra rights. The
querysets in ``queries.py`` are scoped with the same role facts.
"""

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import (
    coordinates_organization,
    is_agency_staff,
    is_authenticated,
    is_coordinator,
    is_network_staff,
    staffs_agency,
)

# --- Interests --------------------------------------------------------------------------------


@rules.predicate
def asked_for_interest(user, interest) -> bool:
    """The interest is the person's own ("Meine Anfragen")."""
    return (
        is_authenticated(user)
        and interest is not None
        and interest.volunteer_id is not None
        and interest.volunteer_id == user.pk
    )


@rules.predicate
def coordinates_interest(user, interest) -> bool:
    """The person coordinates the organization whose opportunity the interest is about."""
    return (
        interest is not None
        and interest.opportunity.organization_id in roles_of(user).organization_ids
    )


@rules.predicate
def referred_interest(user, interest) -> bool:
    """The person works for the agency that referred the interest (Vermittlung)."""
    return (
        interest is not None
        and interest.agency_id is not None
        and interest.agency_id in roles_of(user).agency_ids
    )


@rules.predicate
def speaks_for_guest(user, interest) -> bool:
    """A referral for a guest without an account: the referring agency acts for the person."""
    return (
        interest is not None and interest.volunteer_id is None and referred_interest(user, interest)
    )


@rules.predicate
def was_routed_to_agency(user, interest) -> bool:
    """The interest was routed to the person's agency (it keeps read access)."""
    return (
        interest is not None
        and interest.routed_agency_id is not None
        and interest.routed_agency_id in roles_of(user).agency_ids
    )


@rules.predicate
def held_by_agency(user, interest) -> bool:
    """The person's agency holds the interest now: nobody coordinates the organization."""
    from .models import Interest

    held = {Interest.Route.AGENCY, Interest.Route.CONTACT}
    return was_routed_to_agency(user, interest) and interest.routed_to in held


@rules.predicate
def held_by_network(user, interest) -> bool:
    """Routed to the network staff of the organization's state (no agency responsible)."""
    if interest is None or interest.routed_to != "network":
        return False
    states = roles_of(user).network_state_ids
    if not states:
        return False
    organization = interest.opportunity.organization
    state_id = organization.district.state_id if organization.district_id else None
    return None in states or state_id in states


may_withdraw_interest = asked_for_interest | speaks_for_guest
may_manage_interest = coordinates_interest | held_by_agency | held_by_network
may_view_interest = (
    asked_for_interest
    | coordinates_interest
    | referred_interest
    | was_routed_to_agency
    | held_by_network
)

# --- Invitations and profiles -----------------------------------------------------------------


@rules.predicate
def was_invited(user, invitation) -> bool:
    return is_authenticated(user) and invitation is not None and invitation.volunteer_id == user.pk


@rules.predicate
def coordinates_invitation(user, invitation) -> bool:
    return (
        invitation is not None
        and invitation.opportunity.organization_id in roles_of(user).organization_ids
    )


@rules.predicate
def is_self_profile(user, profile) -> bool:
    return profile is not None and profile.user_id == user.pk


# --- Agencies: counselling, referrals, follow-ups ----------------------------------------------

# ``staffs_agency`` reads ``obj.agency_id`` (conversation, follow-up) or an Agency itself.
may_work_for_agency = staffs_agency

rules.add_perm("brokering.view_interest", may_view_interest)
rules.add_perm("brokering.change_interest_status", may_withdraw_interest | may_manage_interest)
rules.add_perm("brokering.manage_interest", may_manage_interest)
rules.add_perm("brokering.message_interest", may_view_interest)
rules.add_perm("brokering.withdraw_interest", may_withdraw_interest)
rules.add_perm("brokering.express_interest", ~coordinates_organization)
rules.add_perm("brokering.view_inbox", is_coordinator)
rules.add_perm("brokering.view_routed_interests", is_agency_staff | is_network_staff)
rules.add_perm("brokering.view_organization_inbox", coordinates_organization)
rules.add_perm("brokering.invite_volunteer", coordinates_organization)
rules.add_perm("brokering.view_invitation", was_invited | coordinates_invitation)
rules.add_perm("brokering.view_volunteerprofile", is_authenticated & is_self_profile)
rules.add_perm("brokering.view_counselling", is_agency_staff)
rules.add_perm("brokering.view_agency_counselling", may_work_for_agency)
rules.add_perm("brokering.record_conversation", may_work_for_agency)
rules.add_perm("brokering.view_conversation", may_work_for_agency)
rules.add_perm("brokering.change_conversation", may_work_for_agency)
rules.add_perm("brokering.refer", may_work_for_agency)
rules.add_perm("brokering.view_followup", may_work_for_agency)
rules.add_perm("brokering.answer_follow_up", may_work_for_agency)
