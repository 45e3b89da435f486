"""Take over a CSV/XLSX file from an agency's previous system, as the upload page does but
without a request: ``manage.py import_records FILE --agency SLUG --kind organizations
--source Freinet [--dry-run]``. Shows a progress bar (tqdm) and the counts; the refused rows
with their reasons are listed on the run's page (and printed with ``-v 2``)."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ehrensache.agencies.models import Agency
from ehrensache.core.errors import DomainError
from ehrensache.imports import services
from ehrensache.imports.models import Action, ImportRowResult, ImportRun, Kind


class Command(BaseCommand):
    help = "Daten aus dem bisherigen System einer Anlaufstelle übernehmen (CSV oder XLSX)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", required=True, help="Kurzname (slug) oder Nummer")
        parser.add_argument("--kind", required=True, choices=Kind.values)
        parser.add_argument("--source", default="Import", help="bisheriges System, z. B. Freinet")
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts schreiben")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = self._agency(options["agency"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        started = time.perf_counter()
        try:
            run = services.create_run(
                agency,
                kind=options["kind"],
                source=options["source"],
                data=path.read_bytes(),
                file_name=path.name,
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        quiet = options["no_progress"] or options["verbosity"] == 0
        run = self._pass(run, services.check_run, "Prüfung", quiet)
        if run.status == ImportRun.Status.CHECKED and not options["dry_run"]:
            run = services.start_run(run, actor=None)
            run = self._pass(run, services.import_run, "Übernahme", quiet)
        elapsed = time.perf_counter() - started
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(run.error)
        self._report(run, options["dry_run"], elapsed, options["verbosity"])

    def _agency(self, value: str) -> Agency:
        query = Agency.objects.filter(pk=int(value)) if value.isdigit() else None
        agency = (query or Agency.objects.filter(slug=value)).first()
        if agency is None:
            raise CommandError(f"Anlaufstelle nicht gefunden: {value}")
        return agency

    def _pass(self, run: ImportRun, step: Any, label: str, quiet: bool) -> ImportRun:
        with tqdm(total=run.total_rows or None, desc=label, unit=" Zeilen", disable=quiet) as bar:
            return step(run, progress=bar.update)

    def _report(self, run: ImportRun, dry_run: bool, elapsed: float, verbosity: int) -> None:
        counts = run.checked_counts if dry_run else run.counts
        labels = dict(Action.choices)
        summary = ", ".join(f"{labels[a]}: {counts.get(a, 0)}" for a in Action.values)
        prefix = "Probe (nichts geschrieben)" if dry_run else "Übernommen"
        self.stdout.write(f"{prefix}: {summary} – {run.total_rows} Zeilen in {elapsed:.1f} s")
        if verbosity >= 2:
            refused = ImportRowResult.objects.filter(
                run=run, dry_run=dry_run, action=Action.REFUSE
            ).order_by("row")
            for row in refused:
                self.stdout.write(f"Zeile {row.row} ({row.column}): {row.message}")
