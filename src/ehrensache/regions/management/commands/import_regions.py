import time
from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from ehrensache.regions.importer import DEFAULT_CSV, import_postal_codes


class Command(BaseCommand):
    help = "Import states, districts, places and postal codes from the GeoNames CSV (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DEFAULT_CSV)
        parser.add_argument(
            "--states", help="Comma-separated state keys to limit the import, e.g. 06,11"
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, path, states, no_progress, verbosity, **options):
        started = time.perf_counter()
        state_keys = set(states.split(",")) if states else None

        def progress(rows):
            return tqdm(
                rows, desc="Postleitzahlen", unit=" Zeilen", disable=no_progress or verbosity == 0
            )

        result = import_postal_codes(path, state_keys=state_keys, progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} rows: {result.states} states, {result.districts} districts, "
                f"{result.places} places, {result.postal_codes} postal codes "
                f"({result.large_customer_codes} large-customer codes flagged, {result.skipped} skipped, "
                f"{result.created} created) in {elapsed:.1f} s"
            )
        )
