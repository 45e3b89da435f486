"""Placeholders in subject and text: ``{vorname}``, ``{name}``, ``{datum}``, ``{ort}`` …

Anything in single braces is a placeholder; an unknown one is an input error that names it
(the text is kept). Rendering replaces known ones and leaves nothing else changed.
"""

import re
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from ehrensache.core.errors import InvalidInput

PATTERN = re.compile(r"\{([^{}\n]{0,60})\}")


def used(text: str) -> list[str]:
    return [match.group(1).strip().lower() for match in PATTERN.finditer(text)]


def check(text: str, allowed: Iterable[str], *, field: str) -> None:
    """Raise ``InvalidInput`` naming the first placeholder not in ``allowed``."""
    allowed = list(allowed)
    for name in used(text):
        if name not in allowed:
            raise InvalidInput(
                _("Den Platzhalter {%(name)s} gibt es hier nicht. Möglich sind: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(f"{{{a}}}" for a in allowed)},
                field=field,
            )


def render(text: str, values: Mapping[str, str]) -> str:
    return PATTERN.sub(lambda m: str(values.get(m.group(1).strip().lower(), "")), text)


def first_name(display_name: str) -> str:
    parts = display_name.split()
    return parts[0] if parts else ""
