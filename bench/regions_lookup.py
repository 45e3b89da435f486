"""Regions benchmark: full GeoNames import (first and second run) and lookup latency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ehrensache .venv/bin/python bench/regions_lookup.py
    .venv/bin/python bench/regions_lookup.py        # SQLite in var/

Migrates the database, imports every row twice (the second run must create nothing), loads
the demo agencies, then times ``resolve_location`` + ``agencies_for_location`` for a sample of
real postal codes and place names, with the number of queries per lookup.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ehrensache.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ehrensache.agencies import demo
    from ehrensache.agencies.queries import agencies_for_location
    from ehrensache.core.errors import DomainError
    from ehrensache.regions.importer import import_postal_codes
    from ehrensache.regions.models import Place, PostalCode
    from ehrensache.regions.queries import resolve_location

    call_command("migrate", verbosity=0)
    for run in (1, 2):
        started = time.perf_counter()
        result = import_postal_codes()
        print(
            f"import run {run}: {result.rows} rows, {result.created} created, "
            f"{result.large_customer_codes} large-customer codes, "
            f"{time.perf_counter() - started:.1f} s"
        )
    demo.load(out=print)

    rng = random.Random(20261125)
    codes = list(PostalCode.objects.filter(is_large_customer=False).values_list("code", flat=True))
    names = list(
        Place.objects.filter(postal_codes__is_large_customer=False)
        .values_list("name", flat=True)
        .distinct()
    )
    for label, sample in (
        ("postal code", rng.sample(codes, args.samples)),
        ("place name", rng.sample(names, args.samples)),
    ):
        times, queries, refused = [], [], 0
        for text in sample:
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                try:
                    agencies_for_location(resolve_location(text))
                except DomainError:
                    refused += 1
                    continue
                times.append((time.perf_counter() - started) * 1000)
            queries.append(len(ctx.captured_queries))
        times.sort()
        print(
            f"lookup by {label} ({args.samples}): median {statistics.median(times):.1f} ms, "
            f"p95 {times[int(len(times) * 0.95)]:.1f} ms, queries {min(queries)}–{max(queries)}, "
            f"refused {refused}"
        )


if __name__ == "__main__":
    main()
