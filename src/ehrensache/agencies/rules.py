"""Who may do what with an Anlaufstelle.

- everybody (also anonymous) sees the directory and every agency's page;
- staff of an agency edit that agency's entry;
- network staff edit the entries of the agencies in their state (nationwide network staff:
  all agencies);
- nobody else edits anything.
"""

import rules

from ehrensache.accounts.roles import roles_of


@rules.predicate
def is_agency_staff_of(user, agency) -> bool:
    return agency is not None and agency.pk in roles_of(user).agency_ids


@rules.predicate
def is_network_staff_for(user, agency) -> bool:
    states = roles_of(user).network_state_ids
    if not states or agency is None:
        return False
    if None in states:
        return True
    district = agency.district
    return district is not None and district.state_id in states


can_edit_agency = is_agency_staff_of | is_network_staff_for

rules.add_perm("agencies.view_agency", rules.always_allow)
rules.add_perm("agencies.change_agency", can_edit_agency)
rules.add_perm("agencies.change_agency_identity", is_network_staff_for)
