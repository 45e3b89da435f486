from django.utils.translation import gettext_lazy as _

PAGES = {
    "impressum": _("Impressum"),
    "datenschutz": _("Datenschutz"),
    "datenquellen": _("Datenquellen"),
    "barrierefreiheit": _("Erklärung zur Barrierefreiheit"),
    "leichte-sprache": _("Leichte Sprache"),
}
