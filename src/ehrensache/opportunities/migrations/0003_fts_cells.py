"""SQLite: the FTS5 table gets a ``cells`` column (grid cells of the place, ``remote``), so a
search with text and a radius is intersected inside the index. FTS5 tables cannot be
altered: the table is recreated and filled again from the opportunities. PostgreSQL: nothing.

Frozen: stemming (``core.search.fts_text``) and the grid cells
(``opportunities.search_index.cell_tokens``) are copied here as they were when the migration
was written, so it keeps producing the same rows when that code changes.
"""

import math
import re
import unicodedata

import snowballstemmer
from django.db import migrations

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("german")
CELL_LAT, CELL_LON, COARSE = 0.2, 0.3, 5
_OFFSET = 10_000


def fold(text):
    text = (text or "").strip().lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def fts_text(*parts):
    """Folded, stemmed words of ``parts`` in order."""
    return " ".join(
        _STEMMER.stemWord(word) for part in parts for word in _WORD.findall(fold(part or ""))
    )


def _cell(lat, lon, factor=1):
    return (
        math.floor(lat / (CELL_LAT * factor)) + _OFFSET,
        math.floor(lon / (CELL_LON * factor)) + _OFFSET,
    )


def cell_tokens(latitude, longitude, *, on_site, remote):
    """'g<i>x<j> h<i>x<j>' for a place (fine and coarse cell), 'remote'."""
    tokens = []
    if on_site and latitude is not None and longitude is not None:
        fine_i, fine_j = _cell(latitude, longitude)
        coarse_i, coarse_j = _cell(latitude, longitude, COARSE)
        tokens.extend([f"g{fine_i}x{fine_j}", f"h{coarse_i}x{coarse_j}"])
    if remote:
        tokens.append("remote")
    return " ".join(tokens)

FTS_TABLE = "opportunities_opportunity_fts"
CREATE_3 = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, body, cells, tokenize = 'unicode61', prefix = '2 3 4')"
)
CREATE_2 = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, body, tokenize = 'unicode61', prefix = '2 3 4')"
)


def _rows(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, search_title, search_body, latitude, longitude, on_site, remote "
            "FROM opportunities_opportunity"
        )
        return cursor.fetchall()


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    rows = [
        (
            pk,
            fts_text(title or ""),
            fts_text(body or ""),
            cell_tokens(lat, lon, on_site=bool(on_site), remote=bool(remote)),
        )
        for pk, title, body, lat, lon, on_site, remote in _rows(schema_editor)
    ]
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    schema_editor.execute(CREATE_3)
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, cells) VALUES (%s, %s, %s, %s)", rows
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    rows = [
        (pk, fts_text(title or ""), fts_text(body or ""))
        for pk, title, body, *_place in _rows(schema_editor)
    ]
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    schema_editor.execute(CREATE_2)
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
        )


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0002_search_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
