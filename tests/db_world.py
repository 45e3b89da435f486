"""Rows built once for all tests of a module (used by module-scoped fixtures)."""

import contextlib


@contextlib.contextmanager
def module_world(django_db_blocker):
    """For a module-scoped fixture that builds rows once for all tests of a module: the rows
    live in a transaction rolled back at the module's end; each test (``django_db``) runs in a
    savepoint inside it, so what a test writes is gone before the next one."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
