"""Meine Daten: work for an Anlaufstelle (see ``ehrensache.core.personal_data``)."""

from ehrensache.core.personal_data import DELETED, choice

from .models import AgencyMembership

ERASURE = {
    "agencies.AgencyMembership.user": DELETED,
}


def export(user) -> dict:
    """The person's agency memberships (1 query)."""
    memberships = AgencyMembership.objects.filter(user=user).select_related("agency")
    return {
        "memberships": [
            {"agency": m.agency.name, **choice(m, "role"), "since": m.created_at}
            for m in memberships.order_by("pk")
        ]
    }
