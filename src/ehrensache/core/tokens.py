"""Secret tokens in links and API keys: made here, stored only as a SHA-256 hash.

A token that grants access (API key, invitation link, answer link, calendar feed URL) is
shown once or sent once (page, mail, URL) and never stored raw. The database keeps
``hash_token(raw)`` in a unique, indexed column; a request's token is hashed and then looked
up by that hash (``find_by_token``), so no raw secret is ever compared in Python and a leaked
database row does not open anything::

    raw, token_hash = new_token(prefix="es_")
    Thing.objects.create(token_hash=token_hash)        # store the hash
    ...                                                 # show or mail ``raw`` once
    thing = find_by_token(Thing.objects.all(), raw)     # None when unknown

``TOKEN_HASH_LENGTH`` is the column length (64 hex characters).
"""

import hashlib
import secrets

DEFAULT_BYTES = 32  # 256 bits of randomness, 43 URL-safe characters
TOKEN_HASH_LENGTH = 64
MAX_TOKEN_LENGTH = 200  # anything longer is not ours; refused before hashing


def make_token(*, prefix: str = "", nbytes: int = DEFAULT_BYTES) -> str:
    """A new random URL-safe secret, e.g. ``make_token(prefix="es_")`` -> ``"es_Jx3…"``."""
    return prefix + secrets.token_urlsafe(nbytes)


def hash_token(raw: str) -> str:
    """The stored form of a token: SHA-256 of its UTF-8 bytes, 64 hex characters."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_token(*, prefix: str = "", nbytes: int = DEFAULT_BYTES) -> tuple[str, str]:
    """``(raw, hash)``: show or send ``raw`` once, store ``hash``."""
    raw = make_token(prefix=prefix, nbytes=nbytes)
    return raw, hash_token(raw)


def find_by_token(queryset, raw: str | None, *, field: str = "token_hash"):
    """The row of ``queryset`` whose ``field`` holds the hash of ``raw``, or ``None``.

    Empty or overlong input is refused without a query. Narrow ``queryset`` first (active
    rows, ``select_related``): the lookup is one indexed query by the hash.
    """
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return None
    return queryset.filter(**{field: hash_token(raw)}).first()
