"""API keys now belong to accounts (``accounts.0004_apitoken``); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0003_fts_cells"),
        ("accounts", "0004_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiToken")],
            database_operations=[],
        ),
    ]
