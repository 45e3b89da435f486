"""Offers feed benchmark: /feeds/angebote.json and .csv with the demo data and 10,000 offers.

    .venv/bin/python bench/feed.py                   # SQLite in a temporary directory
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/ehrensache_bench_feed \\
        .venv/bin/python bench/feed.py               # that database is dropped and created

Loads the regions and the demo data, times the feeds (whole streamed body, through Django's
test client: server time incl. middleware), then adds synthetic published offers
(``generate_opportunities``) up to BENCH_FEED_SIZE (10,000) and times again, plus the 304
answer to a conditional request. Prints wall and CPU time of this process (the database is
in-process for SQLite, so CPU is the stable figure on a busy machine); no budget enforced.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ehrensache.settings")
    os.environ.update({"DEBUG": "0", "EHRENSACHE_TESTING": "1", "ALLOWED_HOSTS": "testserver"})
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["EHRENSACHE_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-feed-")
    pg = os.environ.get("BENCH_POSTGRES_URL")
    if pg:
        sys.path.insert(0, str(ROOT / "bench"))
        from search import _recreate_pg

        _recreate_pg(pg)
        os.environ["DATABASE_URL"] = pg
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ehrensache.opportunities.queries import public_opportunities

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("import_regions", stdout=quiet)
    call_command("load_demo_data", stdout=quiet)
    client = Client()
    print(f"== {connection.vendor} ==")
    size = int(os.environ.get("BENCH_FEED_SIZE", "10000"))
    for step in ("demo", size):
        if step != "demo":
            missing = size - public_opportunities().count()
            call_command("generate_opportunities", max(missing, 0), seed=7, stdout=quiet)
        count = public_opportunities().count()
        for path in ("/feeds/angebote.json", "/feeds/angebote.csv"):
            timings, cpu = [], []
            for _ in range(3):
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(path)
                size_bytes = sum(len(chunk) for chunk in response.streaming_content)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            started = time.perf_counter()
            again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
            not_modified = (time.perf_counter() - started) * 1000
            print(
                f"{count:>6} offers {path:22} best of 3 {min(timings):7.0f} ms "
                f"(CPU {min(cpu):6.0f} ms), "
                f"{size_bytes / 1e6:5.1f} MB; 304 ({again.status_code}) {not_modified:5.1f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
