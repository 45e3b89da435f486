"""Who may open a workspace: the volunteer's own is everybody's; an organization's, an
agency's or a network's only its staff (everyone else gets 404)."""

import rules

from ehrensache.accounts.rules import (
    coordinates_organization,
    is_authenticated,
    is_network_staff_for_object,
    staffs_agency,
)


@rules.predicate
def may_open_workspace(user: object, workspace: object) -> bool:
    kind = getattr(workspace, "kind", None)
    if kind == "volunteer":
        return bool(is_authenticated(user))
    if kind == "coordinator":
        return bool(coordinates_organization(user, workspace))
    if kind == "agency":
        return bool(staffs_agency(user, workspace))
    if kind == "network":
        return bool(is_network_staff_for_object(user, workspace))
    return False


rules.add_perm("workspaces.view_workspace", may_open_workspace)
rules.add_perm("workspaces.view_digestsetting", is_authenticated)
