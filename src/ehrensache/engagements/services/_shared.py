"""Helpers every topic of the engagement services shares: today, who may."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.accounts.roles import roles_of
from ehrensache.core.errors import DomainError

from ..models import Engagement


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _require_coordinator(actor, organization_id: int) -> None:
    if organization_id not in roles_of(actor).organization_ids:
        raise DomainError(
            _("Nur die Koordination der Einsatzstelle darf das tun."), code="forbidden"
        )


def _require_viewer(actor, engagement: Engagement) -> None:
    if engagement.volunteer_id != getattr(actor, "pk", None):
        _require_coordinator(actor, engagement.organization_id)
