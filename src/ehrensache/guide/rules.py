"""Who may see or do what in the guide and the Kooperations-Check.

- episodes: everyone reads published ones; network staff edit (and see drafts);
- questionnaire and statewide aggregates: network staff;
- a team: its members see results and plan; managers run rounds, links and the plan;
  staff of the facilitating agency see results and plan only if the team allowed it;
- creating a team: coordinators (for their organization) and agency staff (facilitated).
"""

import rules

from ehrensache.accounts.roles import roles_of


@rules.predicate
def is_network_staff(user):
    return roles_of(user).is_network_staff


@rules.predicate
def may_create_team(user):
    roles = roles_of(user)
    return roles.is_coordinator or roles.is_agency_staff


def _membership(user, team):
    if not user.is_authenticated or team is None:
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
