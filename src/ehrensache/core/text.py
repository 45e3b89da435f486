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
