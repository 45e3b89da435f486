"""API keys move from the opportunities app to accounts (they are a person's credential).

The table stays ``opportunities_apitoken``: only Django's model state moves, so no row is
copied and both SQLite and PostgreSQL keep their data. The content type follows the model
so that permissions and log entries keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="opportunities", model="apitoken").first()
    if old is None:
        return
    if ContentType.objects.filter(app_label="accounts", model="apitoken").exists():
        old.delete()
    else:
        old.app_label = "accounts"
        old.save(update_fields=["app_label"])


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model="apitoken").update(
        app_label="opportunities"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_language_endonyms"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("opportunities", "0003_fts_cells"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="Bezeichnung")),
                        ("prefix", models.CharField(editable=False, max_length=8)),
                        (
                            "token_hash",
                            models.CharField(editable=False, max_length=64, unique=True),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("last_used_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "API-Schlüssel",
                        "verbose_name_plural": "API-Schlüssel",
                        "ordering": ["-created_at"],
                        "db_table": "opportunities_apitoken",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type, elidable=True),
    ]
