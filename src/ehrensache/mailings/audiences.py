"""The registry of groups people can write to ("audiences").

Mailings sit below the apps that own the groups (shifts, brokering, engagements, courses), so
each of those registers its kinds from its ``hooks.py``::

    from ehrensache.mailings.audiences import Audience, Recipient, Sender, register

    register(Audience(
        key="shift",
        label=_("Alle auf diesem Dienst"),
        model=Shift,
        permission="shifts.manage_plan",          # asked on permission_object(obj)
        recipients=lambda shift, choice: [...],   # Recipient(person, {"datum": …, "ort": …})
        sender=lambda shift: Sender("organization", org.pk, org.name),
        describe=lambda shift: "…",               # the group as the sender reads it
        back_url=lambda shift: shift.plan.get_absolute_url(),
        placeholders=("datum", "ort"),
    ))

``recipients(obj, choice)`` returns the people (active accounts) with their placeholder
values, with a fixed number of queries; ``choice`` is the value of the kind's one optional
filter (``filter_choices(obj)``, e.g. a day or a status), ``""`` for none. A person is in
the result once (``unique``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sender:
    """Who a group message comes from, and whose opt-out list applies."""

    kind: str  # "organization" | "agency" | "network"
    id: int
    name: str


@dataclass(frozen=True)
class Recipient:
    person: Any  # accounts.User
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Audience:
    key: str
    label: Any  # lazy text: "Alle auf diesem Dienst"
    model: type[Model]
    permission: str
    recipients: Callable[[Any, str], Iterable[Recipient]]
    sender: Callable[[Any], Sender]
    describe: Callable[[Any], str]
    back_url: Callable[[Any], str]
    placeholders: tuple[str, ...] = ()
    filter_label: Any = ""
    filter_choices: Callable[[Any], list[tuple[str, str]]] | None = None
    filter_required: bool = False
    permission_object: Callable[[Any], Any] = lambda obj: obj
    queryset: Callable[[], QuerySet] | None = None

    def objects(self) -> QuerySet:
        return self.queryset() if self.queryset else self.model._default_manager.all()

    def choices(self, obj: Any) -> list[tuple[str, str]]:
        return self.filter_choices(obj) if self.filter_choices else []


_audiences: dict[str, Audience] = {}

# Placeholders every kind fills (from the person and the sender); kinds add theirs.
COMMON_PLACEHOLDERS = ("vorname", "name", "absender")
PLACEHOLDER_LABELS = {
    "vorname": _("Vorname (erstes Wort des Namens)"),
    "name": _("Name"),
    "absender": _("Name der Einsatzstelle oder Anlaufstelle"),
    "datum": _("Datum (Dienst, Kurs, Beginn)"),
    "ort": _("Ort"),
    "aufgabe": _("Aufgabe oder Titel"),
}


def register(audience: Audience) -> None:
    """Register (or replace, by key) a kind of group."""
    unknown = set(audience.placeholders) - set(PLACEHOLDER_LABELS)
    if unknown:
        raise ValueError(f"Unknown placeholders {sorted(unknown)}: add them to PLACEHOLDER_LABELS")
    _audiences[audience.key] = audience


def get(key: str) -> Audience | None:
    return _audiences.get(key)


def all_audiences() -> list[Audience]:
    return list(_audiences.values())


PERSON_FIELDS = ("id", "email", "display_name", "is_active", "preferred_language")


def person_fields(relation: str) -> list[str]:
    """For ``.only(...)``: the columns of the person a group message needs (``relation`` is
    the foreign key to the user), so 5,000 recipients load fast."""
    return [f"{relation}__{name}" for name in PERSON_FIELDS]


def unique(recipients: Iterable[Recipient]) -> list[Recipient]:
    """Each person once (the first entry wins), active accounts with an address only."""
    seen: set[int] = set()
    result = []
    for recipient in recipients:
        person = recipient.person
        if person.pk in seen or not person.is_active or not person.email:
            continue
        seen.add(person.pk)
        result.append(recipient)
    return result
