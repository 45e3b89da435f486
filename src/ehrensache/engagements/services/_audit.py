"""The engagement's history in the audit trail: the volunteer is the person concerned."""

from django.contrib.auth.base_user import AbstractBaseUser

from ehrensache.audit.models import LogEntry
from ehrensache.audit.services import log_action

from ..models import Engagement


def log_engagement(
    engagement: Engagement,
    action: str,
    *,
    actor: AbstractBaseUser | None,
    data: dict | None = None,
) -> LogEntry:
    return log_action(
        engagement,
        action,
        actor=actor,
        person=engagement.volunteer_id,
        organization_id=engagement.organization_id,
        object_repr=engagement.role,
        data=data,
    )
