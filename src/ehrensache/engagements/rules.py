"""Who may see or change engagement records (personal data, partly Art. 10 GDPR).

=======================================  ================================================
permission                               who
=======================================  ================================================
engagements.view_engagement              the volunteer; coordinators of its organization
engagements.message_engagement           whoever sees it, and staff of the agency that
                                         referred the person: its conversation
engagements.manage_engagement            coordinators of the engagement's organization
                                         (end it, onboarding, § 72a, allowances,
                                         programme records, confirm hours)
engagements.log_hours                    the volunteer; the organization's coordinators
engagements.view_hoursentry              whoever sees the entry's engagement
engagements.view_onboardingcheck         whoever sees the check's engagement
engagements.view_onboardingtemplate      coordinators of the template's organization
engagements.manage_organization          coordinators of the organization (start
                                         engagements, onboarding templates, training
                                         records, confirm its hours)
engagements.view_coordination           anyone who coordinates an organization (the
                                         coordination pages)
engagements.start_engagement_from_interest
                                         coordinators of the interest's organization,
                                         while the pipeline allows the start (in contact,
                                         meeting agreed, started), the person has an
                                         account and no engagement came from it yet
=======================================  ================================================

Agency staff and network staff see none of these personal records (only anonymous figures,
elsewhere); network staff edit the dated rules in the admin. Superusers get nothing extra.
"""

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import coordinates_organization, is_authenticated, is_coordinator

# Interest statuses from which a coordinator may begin the engagement (brokering's pipeline
# allows "Engagement begonnen" from the first two; "started" without an engagement happens
# when the status was set before the engagement was recorded).
STARTABLE_INTEREST_STATUSES = frozenset({"in_contact", "meeting_agreed", "started"})


@rules.predicate
def coordinates_engagement(user, engagement) -> bool:
    return engagement is not None and engagement.organization_id in roles_of(user).organization_ids


@rules.predicate
def is_engagement_volunteer(user, engagement) -> bool:
    return engagement is not None and is_authenticated(user) and engagement.volunteer_id == user.pk


can_view_engagement = is_engagement_volunteer | coordinates_engagement


@rules.predicate
def referred_engagement(user, engagement) -> bool:
    """The person works for the agency that referred the volunteer to this engagement."""
    return (
        engagement is not None
        and engagement.interest_id is not None
        and engagement.interest.agency_id is not None
        and engagement.interest.agency_id in roles_of(user).agency_ids
    )


can_log_hours = is_engagement_volunteer | coordinates_engagement


@rules.predicate
def sees_engagement_of(user, record) -> bool:
    """For records hanging off an engagement (hours, onboarding checks)."""
    return record is not None and can_view_engagement(user, record.engagement)


@rules.predicate
def may_start_from_interest(user, interest) -> bool:
    if interest is None or not interest.volunteer_id:
        return False
    if interest.opportunity.organization_id not in roles_of(user).organization_ids:
        return False
    if interest.status not in STARTABLE_INTEREST_STATUSES:
        return False
    from .models import Engagement

    return not Engagement.objects.filter(interest_id=interest.pk).exists()


rules.add_perm("engagements.view_engagement", can_view_engagement)
rules.add_perm("engagements.manage_engagement", coordinates_engagement)
rules.add_perm("engagements.message_engagement", can_view_engagement | referred_engagement)
rules.add_perm("engagements.log_hours", can_log_hours)
rules.add_perm("engagements.view_hoursentry", sees_engagement_of)
rules.add_perm("engagements.view_onboardingcheck", sees_engagement_of)
rules.add_perm("engagements.view_onboardingtemplate", coordinates_organization)
rules.add_perm("engagements.manage_organization", coordinates_organization)
rules.add_perm("engagements.view_coordination", is_coordinator)
rules.add_perm("engagements.start_engagement_from_interest", may_start_from_interest)
