"""Notification kinds of brokering (``ehrensache.notifications.kinds``)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.roles import roles_of
from ehrensache.notifications.kinds import DIGEST, Kind


def _works_for_others(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_coordinator or roles.is_agency_staff or roles.is_network_staff


KINDS = [
    Kind(
        "brokering.new_interest",
        _("Neue Interessen an Angeboten"),
        # Someone waits for an answer: it may be collected, never switched off.
        allow_off=False,
        help_text=_("Wenn jemand Interesse an einem Angebot zeigt, um das Sie sich kümmern."),
        audience=_works_for_others,
    ),
]

__all__ = ["DIGEST", "KINDS"]
