"""Courses get search columns, filled for the existing ones.

Frozen: folding, stemming and the category labels are copied here as they were when the
migration was written (``core.text.fold``, ``core.search.document``/``stems``,
``courses.models.search_parts``), so the migration keeps producing the same columns when
that code changes.
"""

import re
import unicodedata

import snowballstemmer
from django.conf import settings
from django.db import migrations, models

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("german")
CATEGORY_LABELS = {
    "juleica": "Juleica-Grundkurs",
    "juleica_refresher": "Juleica-Fortbildung",
    "hospice": "Hospiz-Befähigungskurs",
    "integration": "Integrationslotsen",
    "first_aid": "Erste Hilfe",
    "association_law": "Vereinsrecht und Vereinsführung",
    "coordination": "Ehrenamtskoordination",
    "competence": "Kompetenznachweis",
    "other": "Sonstige Qualifizierung",
}


def fold(text):
    text = (text or "").strip().lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def document(*parts):
    return "\n".join(fold(part) for part in parts if part and part.strip())


def stems(*parts):
    seen = dict.fromkeys(
        _STEMMER.stemWord(word) for part in parts for word in _WORD.findall(fold(part or ""))
    )
    return " " + " ".join(seen) + " " if seen else ""


def search_parts(*, title, description, category, provider_name, target_group="", city=""):
    label = CATEGORY_LABELS.get(category, "")
    return (title, description, label, str(provider_name or ""), target_group, city)


def gin_index(forwards):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if forwards:
            schema_editor.execute(
                'CREATE INDEX IF NOT EXISTS "course_search_document_gin" ON "courses_course" '
                "USING gin (to_tsvector('german'::regconfig, \"search_document\"))"
            )
        else:
            schema_editor.execute('DROP INDEX IF EXISTS "course_search_document_gin"')

    return run


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
            search_document=document(*parts), search_stems=stems(*parts)
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
        migrations.RunPython(gin_index(True), gin_index(False), elidable=False),
    ]
