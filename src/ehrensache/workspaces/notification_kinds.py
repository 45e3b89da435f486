"""Notification kinds of workspaces (``ehrensache.notifications.kinds``): the daily mail of
what waits on a staff person's dashboards (mail or off; it is a digest already)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.rules import has_professional_role
from ehrensache.notifications.kinds import Kind

DASHBOARD_DIGEST = "workspaces.dashboard_digest"


def _works_for_others(user: Any) -> bool:
    return bool(has_professional_role(user))


KINDS = [
    Kind(
        DASHBOARD_DIGEST,
        _("Tägliche Zusammenfassung meines Arbeitsplatzes"),
        allow_digest=False,
        help_text=_(
            "Jeden Morgen eine E-Mail mit dem, was auf Ihren Arbeitsplätzen wartet, nur wenn "
            "etwas wartet."
        ),
        audience=_works_for_others,
    ),
]
