"""Columns of the engagements' downloads (``core.exports``)."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ehrensache.core.exports import Column, Table

from .models import Engagement, HoursEntry


def hours_of(minutes: int | None) -> Decimal:
    """Minutes as hours with two decimals (a number cell)."""
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"))


def euros(cents: int | None) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(Decimal("0.01"))


ENGAGEMENTS: Table[Engagement] = Table(
    _("Engagements"),
    [
        Column(_("Person"), lambda e: e.volunteer.get_full_name()),
        Column(_("E-Mail"), lambda e: e.volunteer.email),
        Column(_("Einsatzstelle"), lambda e: e.organization.name),
        Column(_("Aufgabe / Rolle"), lambda e: e.role),
        Column(_("Programm"), lambda e: e.get_programme_display()),
        Column(_("Beginn"), lambda e: e.start),
        Column(_("Ende"), lambda e: e.end),
        Column(_("Status"), lambda e: e.get_status_display()),
        Column(_("Wochenstunden"), lambda e: e.weekly_hours),
        Column(
            _("Koordination"),
            lambda e: e.coordinator.get_full_name() if e.coordinator else None,
        ),
        Column(_("Offene Stunden-Einträge"), lambda e: e.open_hours),
    ],
)

HOURS: Table[HoursEntry] = Table(
    _("Stunden"),
    [
        Column(_("Datum"), lambda h: h.date),
        Column(_("Person"), lambda h: h.engagement.volunteer.get_full_name()),
        Column(_("Einsatzstelle"), lambda h: h.engagement.organization.name),
        Column(_("Tätigkeit"), lambda h: h.activity),
        Column(_("Notiz"), lambda h: h.note),
        Column(_("Stunden"), lambda h: hours_of(h.minutes)),
        Column(_("Stand"), lambda h: str(_("bestätigt")) if h.verified_at else str(_("offen"))),
        Column(_("Bestätigt am"), lambda h: h.verified_at),
        Column(_("Eingetragen am"), lambda h: h.logged_at),
    ],
)

BOOKS: Table[dict[str, Any]] = Table(
    _("Stunden und Pauschalen"),
    [
        Column(_("Person"), lambda r: r["name"]),
        Column(_("E-Mail"), lambda r: r["email"]),
        Column(_("Jahr"), lambda r: r["year"]),
        Column(_("Stunden bestätigt"), lambda r: hours_of(r["verified_minutes"])),
        Column(_("Stunden offen"), lambda r: hours_of(r["open_minutes"])),
        Column(_("Ehrenamtspauschale gezahlt (€)"), lambda r: euros(r["ehrenamt_cents"])),
        Column(_("Übungsleiterpauschale gezahlt (€)"), lambda r: euros(r["uebungsleiter_cents"])),
        Column(
            _("Freibetrag Ehrenamtspauschale (€)"),
            lambda r: None if r["ehrenamt_limit"] is None else euros(r["ehrenamt_limit"]),
        ),
        Column(
            _("Freibetrag Übungsleiterpauschale (€)"),
            lambda r: None if r["uebungsleiter_limit"] is None else euros(r["uebungsleiter_limit"]),
        ),
    ],
)
