"""Columns of the brokering downloads (``core.exports``): the coordinator's inbox.

Only what the list shows and the coordinator needs to follow up; no messages, no addresses.
"""

from django.utils.translation import gettext_lazy as _

from ehrensache.core.exports import Column, Table

from .models import Interest

INTERESTS: Table[Interest] = Table(
    _("Anfragen"),
    [
        Column(_("Person"), lambda i: i.person_name),
        Column(_("Angebot"), lambda i: i.opportunity.title),
        Column(_("Einsatzstelle"), lambda i: i.opportunity.organization.name),
        Column(_("Stand"), lambda i: i.get_status_display()),
        Column(_("Stand seit"), lambda i: i.status_changed_at),
        Column(_("Eingegangen"), lambda i: i.created_at),
        Column(_("Vermittelt durch"), lambda i: i.agency.name if i.agency_id else None),
    ],
)
