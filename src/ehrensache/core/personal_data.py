"""Meine Daten (Art. 15 and 20 GDPR): everything the platform holds about a person, as one
JSON document, and the matching erasure when the account is deleted.

Each app contributes a ``privacy.py`` module, found by autodiscovery (every installed app's
``privacy.py``; sections in INSTALLED_APPS order), with:

- ``export(user) -> dict``: the person's own records in the app — never other people's —
  with a fixed number of queries however many rows there are;
- ``ERASURE``: for every reference to a person in the app's models (``"app.Model.field"``)
  what deleting the account does to it: ``DELETED`` (the rows go, they are exported),
  ``UNLINKED`` (records of the person's work as staff that belong to the organization: the
  reference becomes empty, they are not exported) or ``ERASED`` (the module's
  ``erase(user)`` removes them). ``tests/accounts/test_data_export.py`` fails when a new
  reference to the user model is not listed, or is listed with the wrong behaviour;
- ``NOTES`` (optional): what stays or is not in the file, and why (shown in the file);
- ``erase(user)`` (optional): called by ``services.delete_account`` before the user row
  is deleted, in the same transaction.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import app_modules

DELETED = "deleted"
UNLINKED = "unlinked"
ERASED = "erased"

FORMAT = "ehrensache.personal-data"
VERSION = 1

GENERAL_NOTES = [
    _(
        "Diese Datei enthält die Daten, die Ehrensache zu Ihrer Person speichert. Einträge, "
        "die Sie als Mitarbeiterin oder Mitarbeiter einer Anlaufstelle oder Einsatzstelle "
        "über andere Menschen angelegt haben, gehören zu deren Daten und stehen nicht darin."
    ),
    _(
        "Wenn Sie Ihr Konto löschen, löschen wir alle Einträge dieser Datei. Bei Einträgen "
        "über Ihre Arbeit für eine Organisation (zum Beispiel bestätigte Stunden anderer) "
        "entfernen wir nur den Bezug zu Ihrem Konto."
    ),
]


def privacy_modules():
    return app_modules("privacy")


def section_name(module) -> str:
    """``ehrensache.courses.privacy`` → ``courses``."""
    return module.__name__.split(".")[-2]


def export_personal_data(user) -> dict:
    """The whole export as a dict (JSON-serialisable with ``DjangoJSONEncoder``)."""
    notes = [str(note) for note in GENERAL_NOTES]
    sections = {}
    for module in privacy_modules():
        sections[section_name(module)] = module.export(user)
        notes.extend(str(note) for note in getattr(module, "NOTES", []))
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now(),
        "site": settings.SITE_URL,
        "person": user.email,
        "notes": notes,
        "sections": sections,
    }


def export_json(user) -> bytes:
    data = export_personal_data(user)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def export_filename(user) -> str:
    return f"ehrensache-meine-daten-{timezone.localdate():%Y-%m-%d}.json"


def erase_personal_data(user) -> None:
    """Run every module's ``erase(user)``; ``delete_account`` calls it inside its transaction."""
    for module in privacy_modules():
        erase = getattr(module, "erase", None)
        if erase is not None:
            erase(user)


def erasure_plan() -> dict[str, str]:
    """All modules' ``ERASURE`` entries in one dict."""
    plan = {}
    for module in privacy_modules():
        plan.update(module.ERASURE)
    return plan


# --- Helpers for the modules ---------------------------------------------------------------


def choice(obj, field: str) -> dict:
    """``{"status": "confirmed", "status_label": "Platz bestätigt"}`` for a choices field."""
    return {
        field: getattr(obj, field),
        f"{field}_label": str(getattr(obj, f"get_{field}_display")()),
    }


def name_of(obj) -> str | None:
    return str(obj) if obj is not None else None
