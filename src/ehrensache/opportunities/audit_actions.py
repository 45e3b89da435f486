"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

from .models import Opportunity

ACTIONS = {
    "opportunities.opportunity.created": _("Angebot angelegt"),
    "opportunities.opportunity.changed": _("Angebot bearbeitet"),
    "opportunities.opportunity.status_changed": _("Status des Angebots geändert"),
    "opportunities.opportunity.expired": _("Angebot abgelaufen und archiviert"),
    "opportunities.api_token.issued": _("API-Schlüssel erstellt"),
    "opportunities.api_token.revoked": _("API-Schlüssel widerrufen"),
}

FIELDS = {
    "status": (_("Status"), Opportunity.Status),
}

HISTORIES = {
    "opportunities.opportunity": "opportunities.change_opportunity",
}
