"""Locking scarce resources (course seats, shift slots) the same way on both engines.

PostgreSQL: ``SELECT ... FOR UPDATE`` on the parent row. SQLite ignores that, but the settings
open every transaction with ``BEGIN IMMEDIATE``, which serialises writers.
"""

from django.db import connection


def lock_row(model, pk):
    """Return the row ``pk`` of ``model``, locked until the surrounding transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_row() needs transaction.atomic()")
    return model.objects.select_for_update().get(pk=pk)
