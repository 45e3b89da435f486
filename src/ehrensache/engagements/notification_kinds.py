"""Notification kinds of engagements (``ehrensache.notifications.kinds``)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.rules import is_network_staff
from ehrensache.notifications.kinds import Kind

RULE_MISSING = "engagements.rule_missing"


def _network_staff(user: Any) -> bool:
    return bool(is_network_staff(user))


KINDS = [
    Kind(
        RULE_MISSING,
        _("Fehlende datierte Regel (z. B. Taschengeld-Obergrenze des Folgejahres)"),
        allow_off=False,
        help_text=_(
            "Jeden Herbst, solange die Taschengeld-Obergrenze für FSJ und BFD des nächsten "
            "Jahres noch nicht eingetragen ist."
        ),
        audience=_network_staff,
    ),
]
