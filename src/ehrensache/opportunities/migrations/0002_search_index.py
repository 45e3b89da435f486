"""Full-text search structures, per database engine (the model does not see them).

PostgreSQL: a ``search_vector`` tsvector column built with the ``german`` configuration from
``search_title`` (weight A) and ``search_body`` (weight B) by a trigger, with a GIN index.
SQLite: an FTS5 table whose rowid is the opportunity id; ``opportunities.search_index``
fills it with folded, stemmed text.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE opportunities_opportunity ADD COLUMN search_vector tsvector",
    """
    CREATE FUNCTION opportunities_search_vector_update() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('pg_catalog.german', coalesce(NEW.search_title, '')), 'A') ||
        setweight(to_tsvector('pg_catalog.german', coalesce(NEW.search_body, '')), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER opportunities_search_vector_trigger
    BEFORE INSERT OR UPDATE OF search_title, search_body ON opportunities_opportunity
    FOR EACH ROW EXECUTE FUNCTION opportunities_search_vector_update()
    """,
    "CREATE INDEX opportunities_search_vector_gin ON opportunities_opportunity "
    "USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS opportunities_search_vector_trigger ON opportunities_opportunity",
    "DROP FUNCTION IF EXISTS opportunities_search_vector_update()",
    "ALTER TABLE opportunities_opportunity DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS opportunities_opportunity_fts USING fts5("
    "title, body, tokenize = 'unicode61', prefix = '2 3 4')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS opportunities_opportunity_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
