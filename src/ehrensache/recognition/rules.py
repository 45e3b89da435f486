"""Who may see what in recognition.

- a person sees only their own profile, cards, proofs and eligibility;
- coordinators see the proofs and release requests of their organizations;
- agency and network staff see none of these personal records.
"""

import rules

from ehrensache.accounts.roles import roles_of


@rules.predicate
def is_owner(user, record):
    return record is not None and user.is_authenticated and record.person_id == user.pk


@rules.predicate
def coordinates_record(user, record):
    return record is not None and record.organization_id in roles_of(user).organization_ids


rules.add_perm("recognition.view_proof", is_owner | coordinates_record)
rules.add_perm("recognition.issue_proof", coordinates_record)
rules.add_perm("recognition.manage_release", coordinates_record)
