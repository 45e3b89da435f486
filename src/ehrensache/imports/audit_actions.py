"""Audit action names of the data takeover (one entry per step of a run, never per row)."""

from django.utils.translation import gettext_lazy as _

from .models import Kind

ACTIONS = {
    "imports.importrun.uploaded": _("Datei zur Datenübernahme hochgeladen"),
    "imports.importrun.confirmed": _("Datenübernahme bestätigt"),
    "imports.importrun.completed": _("Datenübernahme abgeschlossen"),
    "imports.importrun.failed": _("Datenübernahme fehlgeschlagen"),
    "imports.importrun.discarded": _("Datenübernahme verworfen"),
}

FIELDS = {
    "kind": (_("Art der Daten"), Kind),
    "rows": _("Zeilen"),
    "create": _("Neu"),
    "update": _("Aktualisiert"),
    "unchanged": _("Unverändert"),
    "refuse": _("Abgelehnt"),
}

HISTORIES = {"imports.importrun": "imports.view_importrun"}
