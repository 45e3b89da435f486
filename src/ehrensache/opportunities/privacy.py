"""Meine Daten: API keys and opportunities naming the person as contact
(see ``ehrensache.accounts.data_export``)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.data_export import DELETED, UNLINKED, choice

from .models import ApiToken, Opportunity

ERASURE = {
    "opportunities.Opportunity.created_by": UNLINKED,
    "opportunities.Opportunity.contact_person": UNLINKED,
    "opportunities.ApiToken.user": DELETED,
}

NOTES = [
    _(
        "Kontaktangaben, die eine Einsatzstelle als Text in ein Engagementangebot geschrieben "
        "hat (Name, E-Mail, Telefon der Ansprechperson), gehören zum Angebot. Sie bleiben "
        "nach dem Löschen Ihres Kontos stehen; bitte wenden Sie sich dafür an die "
        "Einsatzstelle."
    ),
]


def export(user) -> dict:
    """API keys (without the secret) and opportunities with the person as contact (2 queries)."""
    tokens = ApiToken.objects.filter(user=user).order_by("pk")
    contact_for = (
        Opportunity.objects.filter(contact_person=user)
        .select_related("organization")
        .order_by("pk")
    )
    return {
        "api_keys": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
                "revoked_at": t.revoked_at,
            }
            for t in tokens
        ],
        "contact_person_for": [
            {"title": o.title, "organization": o.organization.name, **choice(o, "status")}
            for o in contact_for
        ],
    }
