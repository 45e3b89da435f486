"""Data takeover benchmark: a generated file of 20,000 organizations and one of 20,000
opportunities (CSV), uploaded through the page (the request only stores and enqueues),
then the dry run, the run and a second identical run (nothing changes), timed.

    .venv/bin/python bench/imports.py                  # SQLite in a temporary dir
    .venv/bin/python bench/imports.py --rows 2000      # smaller
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/ehrensache_bench \\
        .venv/bin/python bench/imports.py              # PostgreSQL (dropped, created)
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from common import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--profile", action="store_true", help="cProfile each run (top 25)")
    return parser.parse_args()


def setup():
    pg = os.environ.get("BENCH_POSTGRES_URL")
    if pg:
        recreate_postgres(pg)
        database_url = pg
    else:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-imports-')}/db.sqlite3"
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        TASKS_BACKEND="database",
        EHRENSACHE_REQUIRE_MFA_FOR_STAFF="0",
        ALLOWED_HOSTS="testserver,localhost",
        DJANGO_SETTINGS_MODULE="ehrensache.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("import_regions", states="06", no_progress=True, verbosity=0)
    return database_url


def create_agency():
    from ehrensache.accounts.models import User
    from ehrensache.agencies.models import Agency, AgencyMembership
    from ehrensache.regions.models import District, PostalCode

    district = District.objects.get(key="06534")
    agency = Agency.objects.create(
        name="Bench-Agentur",
        slug="bench-agentur",
        kind=Agency.Kind.FREIWILLIGENAGENTUR,
        postal_code="35037",
        city="Marburg",
        district=district,
    )
    agency.service_districts.add(district)
    staff = User.objects.create(email="bench-imports@example.org")
    AgencyMembership.objects.create(user=staff, agency=agency)
    codes = sorted(
        set(
            PostalCode.objects.filter(district=district, is_large_customer=False).values_list(
                "code", flat=True
            )
        )
    )
    return agency, staff, codes


def files(n, codes):
    from tests.imports.helpers import csv_bytes

    organizations = [
        {
            "ID": f"O-{i}",
            "Name": f"Verein {i} für Nachbarschaft e.V.",
            "Postleitzahl": codes[i % len(codes)],
            "Engagementfelder": "Soziales & Armut; Senioren",
            "E-Mail": f"verein{i}@example.org",
        }
        for i in range(n)
    ]
    opportunities = [
        {
            "ID": f"A-{i}",
            "Einsatzstelle-ID": f"O-{i}",
            "Titel": f"Lesepatenschaft Nummer {i}",
            "Beschreibung": "Vorlesen und Spielen mit Kindern am Nachmittag.",
            "Engagementfeld": "Bildung & Lernhilfe",
            "Postleitzahl": codes[i % len(codes)],
            "Stunden pro Woche": "2",
            "Status": "Veröffentlicht",
        }
        for i in range(n)
    ]
    return csv_bytes("organizations", organizations), csv_bytes("opportunities", opportunities)


PROFILE = False


def timed(label, call):
    import cProfile
    import pstats

    profiler = cProfile.Profile() if PROFILE else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = call()
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"  {label:<42} {elapsed:8.2f} s")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return result


def main():
    global PROFILE
    args = parse_args()
    PROFILE = args.profile
    database_url = setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from ehrensache.imports import services
    from ehrensache.imports.models import ImportRun

    agency, staff, codes = create_agency()
    client = Client()
    client.force_login(staff)
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"Data takeover, {args.rows:,} rows per file, {engine}")
    for kind, data in zip(("organizations", "opportunities"), files(args.rows, codes), strict=True):
        print(f"{kind} ({len(data) / 1e6:.1f} MB CSV)")
        upload = SimpleUploadedFile(f"{kind}.csv", data, content_type="text/csv")
        response = timed(
            "upload request (store + enqueue)",
            lambda upload=upload, kind=kind: client.post(
                f"/datenuebernahme/agentur/{agency.pk}/",
                {"kind": kind, "source": "Bench", "file": upload},
            ),
        )
        assert response.status_code == 302, response.status_code
        run = ImportRun.objects.latest("pk")
        run = timed("dry run (task)", lambda run=run: services.check_run(run))
        run = services.start_run(run, actor=staff)
        run = timed("run (task)", lambda run=run: services.import_run(run))
        print(f"  counts: {run.counts}")
        again = services.create_run(
            agency, kind=kind, source="Bench", data=data, file_name="again.csv"
        )
        again = services.start_run(services.check_run(again), actor=staff)
        again = timed("second run of the same file", lambda again=again: services.import_run(again))
        print(f"  counts: {again.counts}")


if __name__ == "__main__":
    main()
