"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "mailings.mailing.sent": _("Rundnachricht gesendet"),
    "mailings.delivery.bounced": _("Rundnachricht unzustellbar"),
    "mailings.optout.created": _("Rundnachrichten abbestellt"),
    "mailings.optout.withdrawn": _("Rundnachrichten wieder bestellt"),
    "mailings.template.created": _("Vorlage gespeichert"),
    "mailings.template.deleted": _("Vorlage gelöscht"),
}

FIELDS = {
    "count": _("Anzahl"),
    "skipped": _("Abbestellt"),
}

HISTORIES = {
    "mailings.mailing": "mailings.view_mailing",
}
