"""Who may see or do what in the guide and the Kooperations-Check.

- episodes: everyone reads published ones; network staff edit (and see drafts);
- questionnaire and statewide aggregates: network staff;
- a team: its members see results and plan; managers run rounds, links and the plan;
  staff of the facilitating agency see results and plan only if the team allowed it;
- creating a team: coordinators (for their organization) and agency staff (facilitated);
- answering with one's account: the team's members.

The operator's superuser account has none of these without a membership (ARCHITECTURE.md,
"Permissions"): it cannot change another organization's team, its rounds or members.
"""

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import coordinates_organization, staffs_agency


@rules.predicate
def is_network_staff(user):
    return roles_of(user).is_network_staff


@rules.predicate
def may_create_team(user, place=None):
    """Without a place: coordinates an organization or staffs an agency. With one: the
    organization they coordinate or the agency they staff (a facilitated team)."""
    if place is None:
        roles = roles_of(user)
        return roles.is_coordinator or roles.is_agency_staff
    if place.__class__.__name__ == "Organization":
        return coordinates_organization(user, place)
    if place.__class__.__name__ == "Agency":
        return staffs_agency(user, place)
    return False


def _membership(user, team):
    if user is None or not user.is_authenticated or team is None:
        return None
    cache = getattr(user, "_guide_team_memberships", None)
    if cache is None:
        cache = user._guide_team_memberships = {}
    if team.pk not in cache:
        cache[team.pk] = team.members.filter(user=user).first()
    return cache[team.pk]


@rules.predicate
def is_team_member(user, team):
    return _membership(user, team) is not None


@rules.predicate
def is_team_manager(user, team):
    membership = _membership(user, team)
    return membership is not None and membership.is_manager


@rules.predicate
def is_permitted_agency(user, team):
    return (
        team is not None
        and team.agency_may_view
        and team.facilitating_agency_id in roles_of(user).agency_ids
    )


rules.add_perm("guide.edit_episodes", is_network_staff)
rules.add_perm("guide.edit_questionnaire", is_network_staff)
rules.add_perm("guide.view_aggregates", is_network_staff)
rules.add_perm("guide.create_team", may_create_team)
rules.add_perm("guide.view_team", is_team_member | is_permitted_agency)
rules.add_perm("guide.view_results", is_team_member | is_permitted_agency)
rules.add_perm("guide.manage_team", is_team_manager)
rules.add_perm("guide.view_members", is_team_member)
rules.add_perm("guide.answer_round", is_team_member)
