"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.profile.changed": _("Profil geändert"),
    "accounts.account.deleted": _("Konto gelöscht"),
    "accounts.invitation.sent": _("Einladung verschickt"),
    "accounts.invitation.accepted": _("Einladung angenommen"),
    "accounts.invitation.revoked": _("Einladung zurückgezogen"),
}

FIELDS = {
    "display_name": _("Name"),
    "language": _("Sprache"),
}
