"""Text normalisation shared by search and place lookup."""

import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def fold(text: str) -> str:
    """Lower-case, umlauts and ß spelled out, other accents removed, spaces squeezed.

    'Frankfurt am Main' -> 'frankfurt am main'; 'Gießen' -> 'giessen'; 'Gross-Umstadt' and
    'Groß-Umstadt' fold to the same string.
    """
    text = (text or "").strip().lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


# The largest primary key (PostgreSQL ``bigint``): a larger number matches no row.
MAX_ID = 9_223_372_036_854_775_807


def parse_id(value: object) -> int | None:
    """A record id from a query string or form value: ASCII digits within ``bigint``, else None.

    ``str.isdigit`` accepts "²" and "٣", which ``int()`` or the database then refuse; a huge
    number overflows SQLite's integers. Both are just "no such record".
    """
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
