"""Who may see what in recognition.

- a person sees only their own profile, cards, proofs and eligibility, records their own
  cards and asks for proofs of their own engagements;
- coordinators see the proofs and release requests of their organizations, issue or decline
  the proofs and run the release requests;
- agency and network staff see none of these personal records.
"""

import rules

from ehrensache.accounts.rules import coordinates_organization, is_network_staff, is_self


@rules.predicate
def is_owner(user, record) -> bool:
    return (
        record is not None
        and user is not None
        and user.is_authenticated
        and record.person_id == user.pk
    )


@rules.predicate
def coordinates_record(user, record) -> bool:
    """The record belongs to an organization the person coordinates."""
    return record is not None and coordinates_organization(user, record)


@rules.predicate
def volunteers_in(user, engagement) -> bool:
    """The engagement is the person's own."""
    return (
        engagement is not None
        and user is not None
        and user.is_authenticated
        and engagement.volunteer_id == user.pk
    )


rules.add_perm("recognition.view_engagementproof", is_owner | coordinates_record)
rules.add_perm("recognition.issue_proof", coordinates_record)
rules.add_perm("recognition.request_proof", volunteers_in)
rules.add_perm("recognition.view_releaserequest", coordinates_record)
rules.add_perm("recognition.manage_release", coordinates_record)
rules.add_perm("recognition.view_card", is_owner)
rules.add_perm("recognition.record_card", is_self)
# With an organization: its proofs and release requests (its coordinators).
rules.add_perm("recognition.review_proofs", coordinates_organization)
rules.add_perm("recognition.request_release", coordinates_organization)
rules.add_perm("recognition.edit_ecard_rules", is_network_staff)
