"""Scan every table for a text: where does the database still hold an address or a name?"""

from django.apps import apps
from django.db import connection, models


def tables_mentioning(needles) -> list[tuple[str, str, str]]:
    """Every (model, column, needle) where a text or JSON column of any table holds a needle."""
    found = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        columns = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for column in columns:
            for needle in needles:
                if model._default_manager.filter(**{f"{column}__icontains": needle}).exists():
                    found.append((model._meta.label, column, needle))
    return found
