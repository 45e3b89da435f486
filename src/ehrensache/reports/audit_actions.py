"""Audit action names of the statistics (see ``ehrensache.audit.registry``): figures are
never written by people; only an agency's annual report texts are."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "reports.annual_report.saved": _("Texte des Jahresberichts gespeichert"),
}

FIELDS = {
    "year": _("Jahr"),
    "sections": _("Geänderte Abschnitte"),
}
