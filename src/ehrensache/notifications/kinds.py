"""The kinds of notifications, declared by the apps that send them.

An app declares its kinds in ``<app>/notification_kinds.py`` as ``KINDS = [Kind(...), ...]``
(found through ``core.registry`` the first time a kind is looked up) or calls
``register(Kind(...))`` itself (e.g. from its ``hooks.py``)::

    from ehrensache.notifications.kinds import Kind

    KINDS = [
        Kind("messaging.new_message", _("Neue Nachricht"), default="mail"),
        Kind("shifts.cancelled", _("Dienst abgesagt"), essential=True),
    ]

A person chooses per kind: mail at once, the daily digest, or off (``Preference``). What a
kind allows is part of its declaration: ``allow_off=False`` keeps at least the digest (e.g. a
new interest someone waits for), ``allow_digest=False`` only mail or off, and
``essential=True`` is always mailed and shown as fixed (a cancelled shift, a moved course,
security mails: the person needs them for the engagement or the account).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAIL = "mail"
DIGEST = "digest"
OFF = "off"
DELIVERIES = (MAIL, DIGEST, OFF)


@dataclass(frozen=True)
class Kind:
    key: str  # "<app>.<noun>", e.g. "shifts.reminder"
    label: Any  # lazy translation shown on the settings page
    default: str = MAIL
    allow_off: bool = True
    allow_digest: bool = True
    essential: bool = False
    help_text: Any = ""
    # Who sees the kind on the settings page (e.g. staff only); None: everybody.
    audience: Callable[[Any], bool] | None = None

    def __post_init__(self) -> None:
        if self.default not in self.choices():
            raise ValueError(f"{self.key}: default {self.default!r} is not allowed")

    def choices(self) -> list[str]:
        """The deliveries a person may choose for this kind, in display order."""
        if self.essential:
            return [MAIL]
        return [
            d
            for d in DELIVERIES
            if (d != DIGEST or self.allow_digest) and (d != OFF or self.allow_off)
        ]

    def applies_to(self, user: Any) -> bool:
        return self.audience is None or bool(self.audience(user))


_kinds: dict[str, Kind] = {}
_discovered = False


def register(kind: Kind) -> Kind:
    """Declare a kind; declaring the same key twice with a different definition is an error."""
    known = _kinds.get(kind.key)
    if known is not None and known != kind:
        raise ValueError(f"notification kind {kind.key!r} is declared twice")
    _kinds[kind.key] = kind
    return kind


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    from ehrensache.core.registry import app_modules

    for module in app_modules("notification_kinds"):
        for kind in getattr(module, "KINDS", ()):
            register(kind)
    _discovered = True


def get(key: str) -> Kind:
    """The kind ``key``; ``LookupError`` for an undeclared one (a programming error)."""
    _discover()
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"notification kind {key!r} is not declared") from None


def all_kinds() -> list[Kind]:
    """Every declared kind, essential ones last, each group by key."""
    _discover()
    return sorted(_kinds.values(), key=lambda k: (k.essential, k.key))
