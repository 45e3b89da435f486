"""Who may see or change engagement records (personal data, partly Art. 10 GDPR).

- the volunteer sees their own engagements and everything attached to them, and logs hours;
- coordinators of the engagement's organization see and manage it (onboarding, § 72a,
  verification, allowances, programme records);
- agency staff and network staff see none of these personal records (only anonymous figures,
  elsewhere); network staff edit the dated rules in the admin.
"""

import rules

from ehrensache.accounts.roles import roles_of


@rules.predicate
def coordinates_engagement(user, engagement) -> bool:
    return engagement is not None and engagement.organization_id in roles_of(user).organization_ids


@rules.predicate
def is_engagement_volunteer(user, engagement) -> bool:
    return engagement is not None and user.is_authenticated and engagement.volunteer_id == user.pk


@rules.predicate
def coordinates_organization(user, organization) -> bool:
    return organization is not None and organization.pk in roles_of(user).organization_ids


can_view_engagement = is_engagement_volunteer | coordinates_engagement
can_log_hours = is_engagement_volunteer | coordinates_engagement

rules.add_perm("engagements.view_engagement", can_view_engagement)
rules.add_perm("engagements.manage_engagement", coordinates_engagement)
rules.add_perm("engagements.log_hours", can_log_hours)
rules.add_perm("engagements.manage_organization", coordinates_organization)
