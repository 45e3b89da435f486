"""Who may do what with opportunities.

=====================================  ================================================
permission                             who
=====================================  ================================================
opportunities.view_opportunity         everybody (also anonymous) for public ones
                                       (published, organization confirmed); the
                                       organization's coordinators for every one of it
opportunities.create_opportunity       coordinators of the organization
opportunities.change_opportunity       coordinators of the opportunity's organization
                                       (edit, publish, pause, mark filled, archive)
opportunities.issue_api_token          anyone who coordinates an organization
opportunities.view_apitoken            the token's owner (also: revoke it)
opportunities.revoke_api_token         the token's owner
=====================================  ================================================

Nobody else sees drafts, paused, filled or archived ones; superusers get nothing extra.
"""

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import coordinates_organization, is_authenticated, is_coordinator


@rules.predicate
def coordinates_organization_of(user, opportunity) -> bool:
    return (
        opportunity is not None and opportunity.organization_id in roles_of(user).organization_ids
    )


@rules.predicate
def is_public(user, opportunity) -> bool:
    return opportunity is not None and opportunity.is_public


@rules.predicate
def owns_token(user, token) -> bool:
    return is_authenticated(user) and token is not None and token.user_id == user.pk


rules.add_perm("opportunities.view_opportunity", is_public | coordinates_organization_of)
rules.add_perm("opportunities.create_opportunity", coordinates_organization)
rules.add_perm("opportunities.change_opportunity", coordinates_organization_of)
rules.add_perm("opportunities.issue_api_token", is_coordinator)
rules.add_perm("opportunities.view_apitoken", owns_token)
rules.add_perm("opportunities.revoke_api_token", owns_token)
