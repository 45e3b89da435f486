"""Reads of the data takeover, scoped to the agency's staff."""

from typing import Any

from django.db.models import QuerySet

from ehrensache.accounts.roles import roles_of

from .models import Action, ImportRowResult, ImportRun


def runs_of_agency(user: Any, agency_id: int) -> QuerySet[ImportRun]:
    if agency_id not in roles_of(user).agency_ids:
        return ImportRun.objects.none()
    return (
        ImportRun.objects.filter(agency_id=agency_id)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def row_results(run: ImportRun, *, refused_only: bool = False) -> QuerySet[ImportRowResult]:
    """The rows of the latest pass (the run's, else the dry run's)."""
    dry_run = run.status not in (ImportRun.Status.DONE, ImportRun.Status.IMPORTING)
    rows = ImportRowResult.objects.filter(run=run, dry_run=dry_run)
    if refused_only:
        rows = rows.filter(action=Action.REFUSE)
    return rows.order_by("row", "pk")
