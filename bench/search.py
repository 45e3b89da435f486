"""Search benchmark: text + 25 km radius + one filter at 10,000 and 100,000 opportunities.

    .venv/bin/python bench/search.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/search.py --engine sqlite
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/ehrensache_bench \\
        .venv/bin/python bench/search.py --engine postgres

Each engine runs in its own process on a fresh database (SQLite in a temporary directory;
PostgreSQL: the database in BENCH_POSTGRES_URL is dropped and created). It imports all
German postal codes, loads the demo data, generates synthetic published opportunities with
``generate_opportunities`` (10,000, then 90,000 more), and times searches through the view
(``/suche/``) and the API (``/api/v1/opportunities``) with Django's test client: server time
including middleware, form validation, the query and the template. It prints p50/p95 per
size and checks the budget (p95 <= 25 ms, p95 at 100k <= 2 x p95 at 10k). The weight of
the search page as a browser receives it is measured by bench/page_weight.py.
"""

import argparse
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
from urllib.parse import urlencode

from common import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
BUDGET_MS = 25.0
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/ehrensache_bench_search"
WORDS = [
    "Hausaufgabenhilfe", "Hausaufgaben", "Besuchsdienst", "Fussball", "Tafel", "Sprachcafe",
    "Lesepaten", "Streuobstwiese", "Feuerwehr", "Tierheim", "Computerkurs", "Hospiz",
    "Senioren", "Kinder", "Chor", "Museum",
]  # fmt: skip
FILTERS = [
    ("field", "bildung"), ("field", "soziales"), ("weekday", "sa"), ("weekday", "mi"),
    ("suitable", "young"), ("without", "certificate"), ("time_of_day", "evening"),
    ("commitment", "up_to_2"),
]  # fmt: skip


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_engine(engine, sizes, samples, pg_url):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ehrensache.settings",
            "DEBUG": "0",
            "EHRENSACHE_TESTING": "1",  # plain static storage, no SECRET_KEY needed
            "ALLOWED_HOSTS": "testserver",
            "EHRENSACHE_API_ANON_RATE": "100000000/m",
            "LOG_LEVEL": "ERROR",
        }
    )
    tmp = tempfile.mkdtemp(prefix="bench-search-")
    if engine == "sqlite":
        env["EHRENSACHE_VAR_DIR"] = tmp
        env.pop("DATABASE_URL", None)
    else:
        recreate_postgres(pg_url)
        env["DATABASE_URL"] = pg_url
        env["EHRENSACHE_VAR_DIR"] = tmp
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        engine,
        "--sizes",
        sizes,
        "--samples",
        str(samples),
    ]
    completed = subprocess.run(
        cmd, env=env, capture_output=False, stdout=subprocess.PIPE, text=True
    )
    print(completed.stdout, end="")
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(lines[-1][7:]) if lines else None


def worker(engine, sizes, samples):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ehrensache.opportunities.models import Opportunity
    from ehrensache.regions.models import PostalCode

    print(f"== {engine} ({connection.vendor}) ==", flush=True)
    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("import_regions", stdout=quiet)
    call_command("load_demo_data", stdout=quiet)
    rng = random.Random(25)
    codes = list(PostalCode.objects.filter(is_large_customer=False).values_list("code", flat=True))
    client = Client()
    results = {}
    made = 0
    for size in [int(s) for s in sizes.split(",")]:
        started = time.perf_counter()
        call_command("generate_opportunities", size - made, seed=size, stdout=quiet)
        made = size
        if connection.vendor == "postgresql":
            # What autovacuum does in production after a bulk load: statistics, and the GIN
            # pending list merged into the index.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
                cursor.execute(
                    "INSERT INTO opportunities_opportunity_fts(opportunities_opportunity_fts) VALUES ('optimize')"
                )
        total = Opportunity.objects.filter(status="published").count()
        print(
            f"{total} published opportunities (generated in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        queries = []
        for _ in range(samples):
            key, value = rng.choice(FILTERS)
            queries.append(
                {
                    "q": rng.choice(WORDS),
                    "postal_code": rng.choice(codes),
                    "radius_km": "25",
                    key: value,
                }
            )
        figures = {}
        for label, path, where_key in (
            ("view", "/suche/", "where"),
            ("api", "/api/v1/opportunities", "postal_code"),
        ):
            timings, cpu, hits = [], [], []
            for index, params in enumerate(queries[:20] + queries):
                params = dict(params)
                params[where_key] = params.pop("postal_code")
                url = f"{path}?{urlencode(params)}"
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url)
                elapsed = (time.perf_counter() - t0) * 1000
                cpu_ms = (time.process_time() - c0) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code} {response.content[:300]!r}")
                if index >= 20:  # the first 20 warm caches and connections
                    timings.append(elapsed)
                    cpu.append(cpu_ms)
                    if label == "api":
                        hits.append(response.json()["count"])
            figures[label] = {
                "p50": statistics.median(timings),
                "p95": percentile(timings, 95),
                "max": max(timings),
                "cpu_p50": statistics.median(cpu),
                "cpu_p95": percentile(cpu, 95),
                "mean_hits": statistics.mean(hits) if hits else None,
            }
            print(
                f"  {label:4} n={len(timings)} p50={figures[label]['p50']:.1f} ms "
                f"p95={figures[label]['p95']:.1f} ms max={figures[label]['max']:.1f} ms; "
                f"CPU of this process p50={figures[label]['cpu_p50']:.1f} p95={figures[label]['cpu_p95']:.1f} ms"
                + (f" (mean {figures[label]['mean_hits']:.1f} hits)" if hits else ""),
                flush=True,
            )
        results[size] = figures
    print("RESULT " + json.dumps(results), flush=True)


def report(all_results):
    ok = True
    print("\n== Summary (server time per request, ms; wall clock, CPU of the Django process) ==")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for engine, results in all_results.items():
        if not results:
            print(f"{engine}: failed")
            ok = False
            continue
        sizes = sorted(int(k) for k in results)
        for kind in ("view", "api"):
            row = " | ".join(
                f"{size:>7,}: p50 {results[str(size)][kind]['p50']:5.1f} "
                f"p95 {results[str(size)][kind]['p95']:5.1f} "
                f"(CPU p95 {results[str(size)][kind]['cpu_p95']:5.1f})"
                for size in sizes
            )
            p95s = [results[str(size)][kind]["p95"] for size in sizes]
            verdict = "ok"
            if max(p95s) > BUDGET_MS:
                verdict = f"OVER BUDGET by {max(p95s) - BUDGET_MS:.1f} ms"
                ok = False
            if len(p95s) > 1 and p95s[-1] > 2 * p95s[0]:
                verdict += f"; growth {p95s[-1] / p95s[0]:.1f}x > 2x"
                ok = False
            print(f"{engine:8} {kind:4} {row}  [{verdict}]")
    print("\nPage weight as a browser receives it (fonts included): bench/page_weight.py")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--worker", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.sizes, args.samples)
        return
    pg_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = {engine: run_engine(engine, args.sizes, args.samples, pg_url) for engine in engines}
    sys.exit(0 if report(results) else 1)


if __name__ == "__main__":
    main()
