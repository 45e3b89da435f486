"""Meine Daten: opportunities naming the person as contact
(see ``ehrensache.core.personal_data``)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import UNLINKED, choice

from .models import Opportunity

ERASURE = {
    "opportunities.Opportunity.created_by": UNLINKED,
    "opportunities.Opportunity.contact_person": UNLINKED,
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
    """Opportunities with the person as contact (1 query)."""
    contact_for = (
        Opportunity.objects.filter(contact_person=user)
        .select_related("organization")
        .order_by("pk")
    )
    return {
        "contact_person_for": [
            {"title": o.title, "organization": o.organization.name, **choice(o, "status")}
            for o in contact_for
        ],
    }
