from django.conf import settings
from django.db import migrations, models

from ehrensache.core import search
from ehrensache.courses.models import search_parts


def fill_search_columns(apps, schema_editor):
    """Existing courses get their search columns (the services keep them current)."""
    Course = apps.get_model("courses", "Course")
    network = (getattr(settings, "EHRENSACHE", {}) or {}).get("NETWORK_NAME") or "Landesnetzwerk"
    rows = Course.objects.select_related("agency", "organization", "network_state")
    for course in rows.iterator(chunk_size=500):
        if course.agency_id:
            provider = course.agency.name
        elif course.organization_id:
            provider = course.organization.name
        elif course.network_state_id:
            provider = f"{network} {course.network_state.name}"
        else:
            provider = network
        parts = search_parts(
            title=course.title,
            description=course.description,
            category=course.category,
            provider_name=provider,
            target_group=course.target_group,
            city=course.city,
        )
        Course.objects.filter(pk=course.pk).update(
            search_document=search.document(*parts), search_stems=search.stems(*parts)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="course",
            name="search_document",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="course",
            name="search_stems",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_columns, migrations.RunPython.noop, elidable=False),
        search.gin_index_operation("courses_course", "course_search_document_gin"),
    ]
