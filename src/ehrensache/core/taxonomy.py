"""The fixed, translatable taxonomy of fields of activity (Engagementfelder).

Plain choices, no model: organizations, opportunities, volunteer profiles and the API share
it, and the stored values (``kinder_jugend``…) are stable identifiers.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class FieldOfActivity(models.TextChoices):
    KINDER_JUGEND = "kinder_jugend", _("Kinder & Jugend")
    SENIOREN = "senioren", _("Senioren")
    PFLEGE_HOSPIZ = "pflege_hospiz", _("Pflege & Hospiz")
    INTEGRATION = "integration", _("Integration & Migration")
    SPORT = "sport", _("Sport")
    KULTUR = "kultur", _("Kultur")
    BILDUNG = "bildung", _("Bildung & Lernhilfe")
    UMWELT = "umwelt", _("Umwelt & Natur")
    RETTUNG = "rettung", _("Rettung & Katastrophenschutz")
    SOZIALES = "soziales", _("Soziales & Armut")
    GESUNDHEIT = "gesundheit", _("Gesundheit")
    TIERSCHUTZ = "tierschutz", _("Tierschutz")
    KIRCHE = "kirche", _("Kirche & Religion")
    POLITIK = "politik", _("Politik & Bürgerschaft")
    DIGITALES = "digitales", _("Digitales")
    SONSTIGES = "sonstiges", _("Sonstiges")


_LABELS: dict[str, dict[str, str]] = {}


def field_labels() -> dict[str, str]:
    """Translated labels by value, built once per language: ``get_field_display`` normalises
    and hashes every lazy choice label on each call, which lists of results feel."""
    language = get_language() or ""
    if language not in _LABELS:
        _LABELS[language] = {value: str(label) for value, label in FieldOfActivity.choices}
    return _LABELS[language]


def field_label(value: str) -> str:
    return field_labels().get(value, value)


WEEKDAY_FIELDS = (
    "on_monday",
    "on_tuesday",
    "on_wednesday",
    "on_thursday",
    "on_friday",
    "on_saturday",
    "on_sunday",
)
TIME_OF_DAY_FIELDS = ("in_morning", "in_afternoon", "in_evening")
SUITABILITY_FIELDS = (
    "suitable_for_young",
    "suitable_for_seniors",
    "suitable_for_little_german",
    "suitable_for_disabilities",
    "short_term",
)
OFFER_FIELDS = (
    "offers_induction",
    "offers_training",
    "offers_insurance",
    "offers_expenses",
    "offers_certificate",
)
