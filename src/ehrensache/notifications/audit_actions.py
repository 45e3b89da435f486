"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "notifications.preferences.changed": _("Benachrichtigungen eingestellt"),
}

FIELDS = {
    "kinds": _("Arten"),
}
