"""The courses calendar feeds become feeds of the one personal calendar (``core.CalendarFeed``).

Each old feed keeps working: its raw token is replaced by the token's SHA-256 hash
(``core.tokens.hash_token``), stored with source "courses" so the old address still serves
only the courses it served before. The old model is then removed. Going back recreates the old
table empty (raw tokens cannot be recovered from hashes) and drops the moved rows.
"""

import hashlib

from django.db import migrations

SOURCE = "courses"


def hash_token(raw):
    """Frozen copy of ``core.tokens.hash_token``: SHA-256 of the UTF-8 bytes, hex."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def move_feeds_to_core(apps, schema_editor):
    Old = apps.get_model("courses", "CalendarFeed")
    New = apps.get_model("core", "CalendarFeed")
    New.objects.bulk_create(
        [
            New(
                person_id=old.person_id,
                token_hash=hash_token(old.token),
                source=SOURCE,
                created_at=old.created_at,
            )
            for old in Old.objects.iterator(chunk_size=1000)
        ],
        batch_size=1000,
    )


def drop_moved_feeds(apps, schema_editor):
    apps.get_model("core", "CalendarFeed").objects.filter(source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_search_columns"),
        ("core", "0001_calendar_feed"),
    ]

    operations = [
        migrations.RunPython(move_feeds_to_core, drop_moved_feeds, elidable=False),
        migrations.DeleteModel(name="CalendarFeed"),
    ]
