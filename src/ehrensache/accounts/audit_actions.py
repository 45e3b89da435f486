"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.profile.changed": _("Profil geändert"),
    "accounts.account.deleted": _("Konto gelöscht"),
}

FIELDS = {
    "display_name": _("Name"),
    "language": _("Sprache"),
}
