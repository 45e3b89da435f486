"""SQLite: the FTS5 table gets a ``cells`` column (grid cells of the place, ``remote``), so a
search with text and a radius is intersected inside the index. FTS5 tables cannot be
altered: the table is recreated and filled again from the opportunities. PostgreSQL: nothing.
"""

from django.db import migrations

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
    from ehrensache.core.search import fts_text
    from ehrensache.opportunities.search_index import cell_tokens

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
    from ehrensache.core.search import fts_text

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
