"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "agencies.agency.changed": _("Angaben der Anlaufstelle geändert"),
}
