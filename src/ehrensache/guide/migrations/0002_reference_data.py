from django.db import migrations
from django.utils import timezone

from ehrensache.core.search import gin_index_operation
from ehrensache.guide.content import seed_reference_data


def seed(apps, schema_editor):
    seed_reference_data(
        apps.get_model("guide", "Topic"),
        apps.get_model("guide", "Situation"),
        apps.get_model("guide", "Questionnaire"),
        apps.get_model("guide", "Dimension"),
        apps.get_model("guide", "Statement"),
        now=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        gin_index_operation("guide_episode", "guide_episode_search_gin"),
    ]
