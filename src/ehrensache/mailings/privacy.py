"""Meine Daten: group messages a person received and their opt-outs
(see ``ehrensache.core.personal_data``)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, UNLINKED

from .models import Delivery, OptOut

ERASURE = {
    "mailings.Delivery.person": DELETED,
    "mailings.OptOut.person": DELETED,
    "mailings.Mailing.author": UNLINKED,
    "mailings.Template.created_by": UNLINKED,
}

NOTES = [
    _(
        "Rundnachrichten, die Sie als Mitarbeiterin oder Mitarbeiter geschrieben haben, "
        "gehören zur Einsatzstelle oder Anlaufstelle; mit Ihrem Konto entfällt nur der Bezug "
        "zu Ihnen."
    )
]


def export(user: Any) -> dict:
    """Received group messages (subject, sender, status) and opt-outs (2 queries)."""
    deliveries = (
        Delivery.objects.filter(person=user)
        .select_related("mailing")
        .order_by("mailing__created_at", "pk")
    )
    return {
        "received": [
            {
                "sender": d.mailing.sender_name,
                "subject": d.mailing.subject,
                "sent_at": d.sent_at or d.mailing.created_at,
                "status": d.status,
            }
            for d in deliveries
        ],
        "opt_outs": [
            {"sender": o.sender_name, "since": o.created_at}
            for o in OptOut.objects.filter(person=user).order_by("sender_name", "pk")
        ],
    }
