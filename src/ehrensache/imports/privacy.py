"""Meine Daten: data takeovers a staff member started (see ``ehrensache.core.personal_data``).

The rows of a takeover are about other people (the agency's records), not the staff member;
erasing the account keeps the run and empties its author."""

from typing import Any

from ehrensache.core.personal_data import UNLINKED

from .models import ImportRun

ERASURE = {
    "imports.ImportRun.created_by": UNLINKED,
}


def export(user: Any) -> dict:
    """The takeovers the person started (1 query)."""
    runs = ImportRun.objects.filter(created_by=user).select_related("agency").order_by("pk")
    return {
        "imports": [
            {"agency": r.agency.name, "kind": r.kind, "file": r.file_name, "at": r.created_at}
            for r in runs
        ]
    }
