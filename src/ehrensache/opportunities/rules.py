"""Who may do what with opportunities.

- everybody (also anonymous) sees public opportunities (published, organization confirmed);
- coordinators of the organization see every opportunity of it and manage it;
- nobody else sees drafts, paused, filled or archived ones.
"""

import rules

from ehrensache.accounts.roles import roles_of


@rules.predicate
def coordinates_organization_of(user, opportunity) -> bool:
    return (
        opportunity is not None and opportunity.organization_id in roles_of(user).organization_ids
    )


@rules.predicate
def is_public(user, opportunity) -> bool:
    return opportunity is not None and opportunity.is_public


rules.add_perm("opportunities.view_opportunity", is_public | coordinates_organization_of)
rules.add_perm("opportunities.change_opportunity", coordinates_organization_of)
