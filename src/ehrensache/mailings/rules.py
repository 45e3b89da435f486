"""Who may see or do what with group messages.

=========================  ==============================================================
permission                 who
=========================  ==============================================================
mailings.view_mailings     anyone who works for an organization, agency or the network
                           (the list shows only their senders' mailings)
mailings.view_mailing      staff of the mailing's sender (the organization's coordinators,
                           the agency's staff, network staff of the state or nationwide)
mailings.view_template     staff of the template's sender (also: change, delete it)
mailings.manage_template   the same
mailings.write_as_sender   staff of a sender (a ``Sender``): save its templates
=========================  ==============================================================

Writing to a group is the permission the group's kind declares on its object
(``audiences.Audience.permission``, e.g. ``shifts.manage_plan``): only people who may see
the group may write to it. Opting out and back in needs no permission beyond the signed
link or the person's own account.
"""

from typing import Any

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import has_professional_role


def _scope(obj: Any) -> tuple[str, int] | None:
    if obj is None:
        return None
    if hasattr(obj, "sender_kind"):
        return obj.sender_kind, obj.sender_id
    return obj.kind, obj.id  # an audiences.Sender


@rules.predicate
def works_for_sender(user: Any, obj: Any) -> bool:
    scope = _scope(obj)
    if scope is None or not user.is_authenticated:
        return False
    kind, sender_id = scope
    roles = roles_of(user)
    if kind == "organization":
        return sender_id in roles.organization_ids
    if kind == "agency":
        return sender_id in roles.agency_ids
    if kind == "network":
        return None in roles.network_state_ids or sender_id in roles.network_state_ids
    return False


rules.add_perm("mailings.view_mailings", has_professional_role)
rules.add_perm("mailings.view_mailing", works_for_sender)
rules.add_perm("mailings.view_template", works_for_sender)
rules.add_perm("mailings.manage_template", works_for_sender)
rules.add_perm("mailings.write_as_sender", works_for_sender)
