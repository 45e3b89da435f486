"""Meine Daten: notification choices and the digest entries (see
``ehrensache.core.personal_data``)."""

from typing import Any

from ehrensache.core.personal_data import DELETED

from .models import DigestEntry, Preference

ERASURE = {
    "notifications.Preference.user": DELETED,
    "notifications.Digest.user": DELETED,
    "notifications.DigestEntry.user": DELETED,
}


def export(user: Any) -> dict:
    """Choices per kind, waiting and sent digest entries (2 queries)."""
    preferences = Preference.objects.filter(user=user).order_by("kind")
    entries = DigestEntry.objects.filter(user=user).select_related("digest").order_by("created_at")
    return {
        "preferences": [
            {"kind": p.kind, "delivery": p.delivery, "changed_at": p.updated_at}
            for p in preferences
        ],
        "digest_entries": [
            {
                "kind": e.kind,
                "subject": e.subject,
                "text": e.text,
                "created_at": e.created_at,
                "sent_at": e.digest.sent_at if e.digest else None,
            }
            for e in entries
        ],
    }
