"""Writes of the data takeover: upload (stores the file and queues the dry run), confirm
(queues the run), discard, and the two passes the tasks and ``manage.py import_records``
run: ``check_run`` (dry run: every row's outcome, nothing else written) and ``import_run``
(the same decisions, written batch by batch).

Each batch of ``BATCH_SIZE`` rows is one transaction with a fixed number of queries; the
run's progress is saved after each. A run that stops halfway can be started again from the
same file: rows already taken over are then unchanged.
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from itertools import islice
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ehrensache.agencies.models import Agency
from ehrensache.audit.services import log_action
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.permissions import require

from . import reading
from .columns import parse_row
from .importers import IMPORTERS, RunContext
from .models import Action, ImportRowResult, ImportRun, ImportUpload, Kind

log = logging.getLogger(__name__)

BATCH_SIZE = 500
Progress = Callable[[int], None] | None


def _normalise_source(source: str) -> str:
    result = " ".join((source or "").replace("\x00", "").split())[:60]
    if not result:
        raise InvalidInput(
            _("Bitte nennen Sie das bisherige System, z. B. „Freinet“."), field="source"
        )
    return result


def create_run(
    agency: Agency, *, kind: str, source: str, data: bytes, file_name: str, actor: Any = None
) -> ImportRun:
    """Check the file's type and header and store it (the caller checked the permission)."""
    if kind not in Kind.values:
        raise InvalidInput(_("Bitte wählen Sie, welche Daten die Datei enthält."), field="kind")
    source = _normalise_source(source)
    table = reading.inspect(data, file_name, kind)
    with transaction.atomic():
        run = ImportRun.objects.create(
            agency=agency,
            kind=kind,
            source=source,
            created_by=actor,
            file_name=(file_name or "").replace("\x00", "")[-200:],
            file_format=table.file_format,
            total_rows=table.row_count,
        )
        ImportUpload.objects.create(run=run, data=data)
        log_action(
            run,
            "imports.importrun.uploaded",
            actor=actor,
            data={"kind": kind, "rows": table.row_count},
        )
    return run


def upload_import(
    agency: Agency, *, actor: Any, kind: str, source: str, data: bytes, file_name: str
) -> ImportRun:
    """Store the file and queue the dry run; nothing else happens in the request."""
    require(
        actor,
        "imports.import_records",
        agency,
        message=_("Nur die Mitarbeitenden der Anlaufstelle dürfen Daten übernehmen."),
    )
    with transaction.atomic():
        run = create_run(
            agency, kind=kind, source=source, data=data, file_name=file_name, actor=actor
        )
        transaction.on_commit(lambda: _enqueue("check_import", run.pk))
    return run


def _enqueue(name: str, run_id: int) -> None:
    from . import tasks

    getattr(tasks, name).enqueue(run_id)


def start_run(run: ImportRun, *, actor: Any) -> ImportRun:
    """Mark a checked run as confirmed (the caller checked the permission)."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().select_related("agency").get(pk=run.pk)
        if run.status != ImportRun.Status.CHECKED:
            raise DomainError(_("Diese Datei ist nicht (mehr) zur Übernahme bereit."))
        run.status = ImportRun.Status.IMPORTING
        run.processed_rows = 0
        run.started_at = timezone.now()
        run.save(update_fields=["status", "processed_rows", "started_at"])
        log_action(run, "imports.importrun.confirmed", actor=actor, data={"kind": run.kind})
    return run


def confirm_import(run: ImportRun, *, actor: Any) -> ImportRun:
    """Start the real run of a checked file (in the background)."""
    require(actor, "imports.manage_importrun", run)
    with transaction.atomic():
        run = start_run(run, actor=actor)
        transaction.on_commit(lambda: _enqueue("run_import", run.pk))
    return run


def discard_import(run: ImportRun, *, actor: Any) -> ImportRun:
    """Drop a checked file without taking anything over."""
    require(actor, "imports.manage_importrun", run)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportRun.Status.CHECKED:
            raise DomainError(_("Diese Datei ist nicht (mehr) zur Übernahme bereit."))
        run.status = ImportRun.Status.DISCARDED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        ImportUpload.objects.filter(run=run).delete()
        log_action(run, "imports.importrun.discarded", actor=actor, data={"kind": run.kind})
    return run


def _batches(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(rows, size)):
        yield batch


def _fail(run: ImportRun, message: str) -> None:
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, error=message[:2000], finished_at=timezone.now()
        )
        ImportUpload.objects.filter(run=run).delete()
        log_action(run, "imports.importrun.failed", actor=None, data={"kind": run.kind})


def _process(run: ImportRun, *, dry_run: bool, progress: Progress = None) -> Counter:
    data = bytes(ImportUpload.objects.get(run=run).data)
    if not run.total_rows:
        run.total_rows = reading.total_rows(data, run.file_format)
        ImportRun.objects.filter(pk=run.pk).update(total_rows=run.total_rows)
    context = RunContext(
        agency=run.agency, source=run.source, kind=run.kind, dry_run=dry_run, actor=run.created_by
    )
    importer = IMPORTERS[run.kind](context)
    ImportRowResult.objects.filter(run=run, dry_run=dry_run).delete()
    counts: Counter = Counter(dict.fromkeys(Action.values, 0))
    processed = 0
    for batch in _batches(reading.read_rows(data, run.file_format), BATCH_SIZE):
        parsed = [parse_row(run.kind, number, cells) for number, cells in batch]
        with transaction.atomic():
            outcomes = importer.decide(parsed)
            if not dry_run:
                importer.write(outcomes, run=run)
            ImportRowResult.objects.bulk_create(
                [
                    ImportRowResult(
                        run=run,
                        dry_run=dry_run,
                        row=o.row.number,
                        external_id=o.row.external_id[:100],
                        action=o.action,
                        column=o.column[:100],
                        message=o.message[:300],
                    )
                    for o in outcomes
                ]
            )
            counts.update(o.action for o in outcomes)
            processed += len(batch)
            field = "checked_counts" if dry_run else "counts"
            ImportRun.objects.filter(pk=run.pk).update(
                processed_rows=processed, **{field: dict(counts)}
            )
        if progress:
            progress(len(batch))
    return counts


def _guarded(run: ImportRun, work: Callable[[], None]) -> None:
    """Run a pass in German (row results are stored texts) and record a failure on the run."""
    try:
        with translation.override("de"):
            work()
    except DomainError as exc:
        _fail(run, str(exc))
    except Exception:
        _fail(run, _("Bei der Verarbeitung ist ein unerwarteter Fehler aufgetreten."))
        raise


def check_run(run: ImportRun, *, progress: Progress = None) -> ImportRun:
    """The dry run: every row's outcome and reason; no record is written."""

    def work() -> None:
        counts = _process(run, dry_run=True, progress=progress)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.CHECKED,
            checked_counts=dict(counts),
            checked_at=timezone.now(),
        )

    _guarded(run, work)
    run.refresh_from_db()
    return run


def import_run(run: ImportRun, *, progress: Progress = None) -> ImportRun:
    """The real run; deletes the uploaded file at the end."""

    def work() -> None:
        counts = _process(run, dry_run=False, progress=progress)
        with transaction.atomic():
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.DONE, counts=dict(counts), finished_at=timezone.now()
            )
            ImportUpload.objects.filter(run=run).delete()
            log_action(
                run,
                "imports.importrun.completed",
                actor=None,
                data={"kind": run.kind, **{a: counts[a] for a in Action.values}},
            )

    _guarded(run, work)
    run.refresh_from_db()
    return run


STALE_DAYS = 7  # a checked file nobody confirmed is discarded after this many days
KEEP_DAYS = 365  # runs and their row results are deleted after this many days


def prune_imports(*, now: Any = None) -> int:
    """Discard files checked but never confirmed, delete old runs with their row results
    (the external-id links stay: they keep re-imports idempotent). Returns the runs touched."""
    now = now or timezone.now()
    stale = list(
        ImportRun.objects.filter(
            status=ImportRun.Status.CHECKED, created_at__lt=now - timedelta(days=STALE_DAYS)
        )
    )
    with transaction.atomic():
        for run in stale:
            run.status, run.finished_at = ImportRun.Status.DISCARDED, now
            run.save(update_fields=["status", "finished_at"])
            log_action(run, "imports.importrun.discarded", actor=None, data={"kind": run.kind})
        ImportUpload.objects.filter(run__in=stale).delete()
        _total, deleted = ImportRun.objects.filter(
            created_at__lt=now - timedelta(days=KEEP_DAYS)
        ).delete()
    return len(stale) + deleted.get("imports.ImportRun", 0)
