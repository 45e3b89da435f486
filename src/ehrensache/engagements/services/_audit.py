"""The engagement's history in the audit trail: the volunteer is the person concerned."""

from ehrensache.audit.services import log_action


def log_engagement(engagement, action: str, *, actor, data: dict | None = None):
    return log_action(
        engagement,
        action,
        actor=actor,
        person=engagement.volunteer_id,
        organization_id=engagement.organization_id,
        object_repr=engagement.role,
        data=data,
    )
