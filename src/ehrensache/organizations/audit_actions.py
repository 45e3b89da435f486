"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "organizations.organization.registered": _("Einsatzstelle registriert"),
    "organizations.organization.confirmed": _("Einsatzstelle bestätigt"),
    "organizations.organization.rejected": _("Einsatzstelle abgelehnt"),
    "organizations.organization.changed": _("Angaben der Einsatzstelle geändert"),
    "organizations.invitation.sent": _("Kollegin oder Kollege eingeladen"),
    "organizations.invitation.revoked": _("Einladung zurückgezogen"),
    "organizations.membership.joined": _("Einladung angenommen, Koordination beigetreten"),
    "organizations.organization.claimed": _("Einsatzstelle über die Kontaktadresse übernommen"),
    "organizations.coordinator.invited": _("Koordination von der Anlaufstelle eingeladen"),
}
