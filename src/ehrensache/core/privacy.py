"""Meine Daten: the personal calendar subscription (see ``ehrensache.core.personal_data``)."""

from ehrensache.core.personal_data import DELETED

from .models import CalendarFeed

ERASURE = {
    "core.CalendarFeed.person": DELETED,
}


def export(user) -> dict:
    """That calendar addresses exist and when they were used; the address itself is a key,
    stored only as a hash (1 query)."""
    feeds = CalendarFeed.objects.filter(person=user).order_by("created_at", "pk")
    return {
        "calendar_subscriptions": [
            {
                "source": f.source or "all",
                "created_at": f.created_at,
                "last_used_at": f.last_used_at,
            }
            for f in feeds
        ]
    }
