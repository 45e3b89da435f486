"""Who may see or do what with organizations (Einsatzstellen).

=====================================  ====================================================
permission                             who
=====================================  ====================================================
organizations.view_organization        everybody for confirmed ones; pending or rejected
                                       ones only their coordinators and reviewers
organizations.register_organization    every signed-in person
organizations.change_organization      its coordinators (profile)
organizations.manage_team              its coordinators (invite colleagues, revoke)
organizations.review_organization      staff of the responsible agency or of an agency
                                       serving its district; network staff of its state
                                       (or nationwide)
organizations.view_review_list         agency staff and network staff
organizations.assign_coordinator       as review_organization: invite a coordinator
organizations.view_uncoordinated       agency staff and network staff (the list of
                                       organizations of their region nobody coordinates)
=====================================  ====================================================

Every predicate reads ``roles_of(user)`` (cached per request); superusers get nothing extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import (
    coordinates_organization,
    is_agency_staff,
    is_authenticated,
    is_network_staff,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from ehrensache.accounts.models import User

    from .models import Organization


@rules.predicate
def is_confirmed(user: User | AnonymousUser, organization: Organization | None) -> bool:
    return organization is not None and organization.is_confirmed


@rules.predicate
def reviews_organization(user: User | AnonymousUser, organization: Organization | None) -> bool:
    """The person may confirm or reject ``organization``: the responsible agency's staff,
    staff of an agency serving its district, network staff of its state or nationwide."""
    if organization is None:
        return False
    roles = roles_of(user)
    if organization.responsible_agency_id and organization.responsible_agency_id in (
        roles.agency_ids
    ):
        return True
    if roles.agency_ids and organization.district_id:
        from ehrensache.agencies.models import Agency

        if Agency.objects.filter(
            pk__in=roles.agency_ids, service_districts=organization.district_id
        ).exists():
            return True
    if roles.network_state_ids and organization.district_id:
        state_id = organization.district.state_id
        return state_id in roles.network_state_ids or None in roles.network_state_ids
    return False


rules.add_perm(
    "organizations.view_organization",
    is_confirmed | coordinates_organization | reviews_organization,
)
rules.add_perm("organizations.register_organization", is_authenticated)
rules.add_perm("organizations.change_organization", coordinates_organization)
rules.add_perm("organizations.manage_team", coordinates_organization)
rules.add_perm("organizations.review_organization", reviews_organization)
rules.add_perm("organizations.view_review_list", is_agency_staff | is_network_staff)
rules.add_perm("organizations.assign_coordinator", reviews_organization)
rules.add_perm("organizations.view_uncoordinated", is_agency_staff | is_network_staff)
