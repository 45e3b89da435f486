"""Statistics benchmark (P4): statewide figures over 10 million hour entries in <= 1 s.

    .venv/bin/python bench/reports_statistics.py                          # both engines, full size
    .venv/bin/python bench/reports_statistics.py --engine sqlite --entries 200000
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/ehrensache_bench_statistics \\
        .venv/bin/python bench/reports_statistics.py --engine postgres --entries 10000000

Each engine runs in its own process on a fresh database (SQLite in a temporary directory;
PostgreSQL: the database in BENCH_POSTGRES_URL is dropped and created). It imports the
regions, loads the demo data, then adds ``--entries`` verified hour entries (default: 10
million on PostgreSQL with COPY, 1 million on SQLite with batched inserts) spread over the
demo engagements, last year and this year. It times the roll-up (``reports.rollup``, what
the periodic job runs) and then the pages through Django's test client (server time with
middleware and template): the statewide page (Hessen, network staff), a district (an
agency page with one district), an agency's region (six districts) and its annual report
as XLSX, plus the statewide API. Budget: the statewide page p50 <= 1 s.
"""

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
BUDGET_MS = 1000.0
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/ehrensache_bench_statistics"
FULL_SIZE = {"postgres": 10_000_000, "sqlite": 1_000_000}
BATCH = 50_000
COLUMNS = (
    "engagement_id",
    "date",
    "minutes",
    "activity",
    "note",
    "logged_by_id",
    "logged_at",
    "verified_at",
)


def run_engine(engine, entries, samples, pg_url):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ehrensache.settings",
            "DEBUG": "0",
            "EHRENSACHE_TESTING": "1",  # plain static storage, no SECRET_KEY needed
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "ERROR",
        }
    )
    env["EHRENSACHE_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-statistics-")
    if engine == "sqlite":
        env.pop("DATABASE_URL", None)
    else:
        recreate_postgres(pg_url)
        env["DATABASE_URL"] = pg_url
    cmd = [sys.executable, __file__, "--worker", engine, "--entries", str(entries)]
    cmd += ["--samples", str(samples)]
    completed = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True)
    print(completed.stdout, end="")
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(lines[-1][7:]) if lines else None


def _rows(engagements, count, first_day, days, now, rng):
    """Hour entries: a random demo engagement and day, 30 min to 8 h, nine in ten verified."""
    for _ in range(count):
        engagement, volunteer = rng.choice(engagements)
        day = first_day + dt.timedelta(days=rng.randrange(days))
        verified = now if rng.random() < 0.9 else None
        yield (
            engagement,
            day,
            rng.randint(30, 480),
            "Einsatz (Bench)",
            "",
            volunteer,
            now,
            verified,
        )


def generate_hours(count, *, seed=4):
    """Add ``count`` hour entries: COPY on PostgreSQL, batched inserts on SQLite."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ehrensache.engagements.models import Engagement, HoursEntry

    rng = random.Random(seed)
    engagements = list(
        Engagement.objects.exclude(status=Engagement.Status.NOT_STARTED).values_list(
            "pk", "volunteer_id"
        )
    )
    if not engagements:
        raise SystemExit("no engagements in the demo data")
    today = timezone.localdate()
    first_day = dt.date(today.year - 1, 1, 1)
    rows = _rows(engagements, count, first_day, (today - first_day).days + 1, timezone.now(), rng)
    table = HoursEntry._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            raw = connection.connection
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 8)})"
            batch = []
            for engagement, day, minutes, activity, note, volunteer, now, verified in rows:
                stamp = now.replace(tzinfo=None).isoformat(" ")
                batch.append(
                    (engagement, day.isoformat(), minutes, activity, note, volunteer, stamp,
                     stamp if verified else None)
                )  # fmt: skip
                if len(batch) >= BATCH:
                    raw.executemany(sql, batch)
                    batch.clear()
            raw.executemany(sql, batch)
        cursor.execute("ANALYZE")
    return len(engagements)


def _bench_people():
    """Network staff of Hessen; staff of an agency with one district and of one with six."""
    from ehrensache.accounts.models import NetworkMembership, User
    from ehrensache.agencies.models import Agency, AgencyMembership
    from ehrensache.regions.models import District, State

    hessen = State.objects.get(code="06")
    districts = list(District.objects.filter(state=hessen).order_by("key")[:6])
    people = {}
    for role in ("network", "district", "region"):
        user, _c = User.objects.get_or_create(
            email=f"bench-{role}@bench.invalid", defaults={"display_name": f"Bench {role}"}
        )
        people[role] = user
    NetworkMembership.objects.get_or_create(user=people["network"], state=hessen)
    agencies = {}
    for role, served in (("district", districts[:1]), ("region", districts)):
        agency, _c = Agency.objects.get_or_create(
            slug=f"bench-{role}",
            defaults={
                "name": f"Bench-Agentur {role}",
                "kind": Agency.Kind.FREIWILLIGENAGENTUR,
                "postal_code": "35037",
                "city": served[0].name,
                "district": served[0],
            },
        )
        agency.service_districts.set(served)
        AgencyMembership.objects.get_or_create(user=people[role], agency=agency)
        agencies[role] = agency
    return people, agencies


def _time(client, url, samples):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for index in range(samples + 2):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        if index >= 2:  # the first two warm caches and connections
            timings.append(elapsed)
    return {"p50": statistics.median(timings), "max": max(timings), "queries": len(queries)}


def worker(engine, entries, samples):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from ehrensache.engagements.models import HoursEntry
    from ehrensache.reports.models import Fact
    from ehrensache.reports.rollup import default_years, roll_up

    print(f"== {engine} ({connection.vendor}), {entries:,} hour entries ==", flush=True)
    quiet = io.StringIO()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_regions", stdout=quiet)
    call_command("load_demo_data", stdout=quiet)
    print(f"regions and demo data: {time.perf_counter() - started:.0f} s", flush=True)

    started = time.perf_counter()
    engagements = generate_hours(entries)
    generated = time.perf_counter() - started
    total = HoursEntry.objects.count()
    print(
        f"generated {entries:,} hour entries over {engagements} engagements in {generated:.0f} s "
        f"({total:,} in the table)",
        flush=True,
    )

    started = time.perf_counter()
    roll_up(default_years(timezone.localdate()))
    rolled = time.perf_counter() - started
    print(f"roll-up (two years): {rolled:.1f} s, {Fact.objects.count():,} facts", flush=True)

    people, agencies = _bench_people()
    year = timezone.localdate().year
    views = {
        "statewide": (people["network"], "/statistik/land/06/"),
        "statewide API": (people["network"], "/api/v1/statistics/states/06"),
        "district": (people["district"], f"/statistik/agentur/{agencies['district'].pk}/"),
        "agency": (people["region"], f"/statistik/agentur/{agencies['region'].pk}/"),
        "annual report xlsx": (
            people["region"],
            f"/statistik/agentur/{agencies['region'].pk}/jahresbericht/{year}.xlsx",
        ),
    }
    results = {"entries": total, "generate_s": generated, "rollup_s": rolled, "views": {}}
    for label, (user, url) in views.items():
        client = Client()
        client.force_login(user)
        figures = _time(client, url, samples)
        results["views"][label] = figures
        print(
            f"  {label:20} p50 {figures['p50']:7.1f} ms  max {figures['max']:7.1f} ms  "
            f"{figures['queries']} queries  {url}",
            flush=True,
        )
    print("RESULT " + json.dumps(results), flush=True)


def report(all_results):
    ok = True
    print("\n== Summary (server time per request; roll-up wall clock) ==")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for engine, results in all_results.items():
        if not results:
            print(f"{engine}: failed")
            ok = False
            continue
        statewide = results["views"]["statewide"]["p50"]
        verdict = "ok" if statewide <= BUDGET_MS else f"OVER BUDGET ({BUDGET_MS:.0f} ms)"
        ok = ok and statewide <= BUDGET_MS
        views = ", ".join(f"{k} {v['p50']:.1f} ms" for k, v in results["views"].items())
        print(
            f"{engine:8} {results['entries']:>12,} entries: roll-up {results['rollup_s']:.1f} s; "
            f"{views}  [statewide {verdict}]"
        )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--entries", type=int, help="hour entries to add (default: 10 million PG, 1 million SQLite)"
    )
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--worker", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.entries, args.samples)
        return
    pg_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = {
        engine: run_engine(engine, args.entries or FULL_SIZE[engine], args.samples, pg_url)
        for engine in engines
    }
    sys.exit(0 if report(results) else 1)


if __name__ == "__main__":
    main()
