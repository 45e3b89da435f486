"""The public check of printed documents at ``/verify/<code>/``.

Every document the platform prints with a Prüfcode (course certificates, Engagementnachweise,
…) is checked on one page. An app contributes a resolver in its own ``verification`` module::

    from ehrensache.courses.verification import VerifiedDocument, register

    @register
    def resolve_my_document(code: str) -> VerifiedDocument | None: ...

The resolver returns ``None`` for codes it does not know and, for a known code, only what the
printed document already says publicly (``facts``: label/value pairs). The page never shows
more, so nothing about a person or their engagement leaks beyond the paper in hand. The
``verification`` modules of all installed apps are imported on first use, so this module
imports no other app.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

CODE_MAX_LENGTH = 20
_CODE_CHARS = re.compile(r"[^A-Z0-9-]")


@dataclass(frozen=True)
class VerifiedDocument:
    kind: str  # e.g. "Teilnahmebescheinigung"
    summary: str  # one sentence shown first, e.g. "Diese Bescheinigung ist echt."
    facts: list[tuple[str, str]] = field(default_factory=list)


Resolver = Callable[[str], "VerifiedDocument | None"]
_resolvers: list[Resolver] = []
_discovered = False


def register(resolver: Resolver) -> Resolver:
    """Add ``resolver`` (idempotent, so a re-imported module does not register twice)."""
    key = (resolver.__module__, resolver.__qualname__)
    if all((r.__module__, r.__qualname__) != key for r in _resolvers):
        _resolvers.append(resolver)
    return resolver


def resolvers() -> list[Resolver]:
    global _discovered
    if not _discovered:
        autodiscover_modules("verification")
        _discovered = True
    return list(_resolvers)


def normalize(code: str | None) -> str:
    """Upper case, spaces and other characters dropped, bounded length ('abcd efgh' -> 'ABCDEFGH')."""
    return _CODE_CHARS.sub("", (code or "").upper())[:CODE_MAX_LENGTH]


def resolve(code: str) -> VerifiedDocument | None:
    """The document printed with ``code``, or ``None``. Codes of different kinds differ in
    form (course certificates ``XXXX-XXXX-XXXX``, Engagementnachweise ``NXXX-XXXX-XXXXX``)."""
    code = normalize(code)
    if not code:
        return None
    for resolver in resolvers():
        document = resolver(code)
        if document is not None:
            return document
    return None


@register
def resolve_course_certificate(code: str) -> VerifiedDocument | None:
    """A Teilnahmebescheinigung: course, name and date."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from .models import Completion

    completion = (
        Completion.objects.filter(verification_code=code)
        .only("course_title", "person_name", "last_day", "verification_code")
        .first()
    )
    if completion is None:
        return None
    return VerifiedDocument(
        kind=_("Teilnahmebescheinigung"),
        summary=_("Diese Bescheinigung ist echt."),
        facts=[
            (_("Name"), completion.person_name),
            (_("Kurs"), completion.course_title),
            (_("Datum"), date_format(completion.last_day, "d.m.Y")),
        ],
    )
