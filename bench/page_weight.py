"""Page weight and Lighthouse scores as a visitor's browser sees them, production mode.

    .venv/bin/python bench/page_weight.py                   # weight, then Lighthouse
    .venv/bin/python bench/page_weight.py --no-lighthouse   # weight only

Sets up a fresh SQLite database with the demo data, collects the static files as deployed
(WhiteNoise, compressed and hashed), starts gunicorn with production settings (DEBUG off) and
opens each page in Chromium with an empty cache at a phone's viewport. It counts the bytes
each response transferred (headers and the body as sent, i.e. compressed) by kind: HTML,
CSS, JS, fonts, images; then fails if a page is over the budget. Over plain HTTP Chromium
asks for gzip only (brotli needs HTTPS), so the figures are an upper bound for a real site.

Then Lighthouse (npm ``lighthouse``, mobile preset: simulated slow 4G and a mid-range phone)
scores each page; budgets: performance >= 95, accessibility 100.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.request import urlopen

from common import free_port

ROOT = Path(__file__).resolve().parent.parent
BUDGET_KB = 100
PERFORMANCE_BUDGET = 95
ACCESSIBILITY_BUDGET = 100
KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "fonts",
    "image": "images",
}
PAGES_WITHOUT_DATA = [
    ("home", "/"),
    ("search", "/suche/?q=Hausaufgabenhilfe&where=35037"),
    ("course catalogue", "/kurse/"),
    ("wer ist zuständig?", "/zustaendig/?q=35037"),
    ("guide", "/leitfaden/"),
]


def _environment(tmp: Path) -> dict:
    return {
        **os.environ,
        "DEBUG": "",
        "EHRENSACHE_TESTING": "",
        "SECRET_KEY": "bench-page-weight-not-secret-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "EHRENSACHE_VAR_DIR": str(tmp / "var"),
        "STATIC_ROOT": str(tmp / "static"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
        "TASKS_BACKEND": "immediate",
        "EMAIL_URL": "locmem:",
        "EHRENSACHE_REQUIRE_MFA_FOR_STAFF": "0",
        "PYTHONPATH": str(ROOT / "src"),  # this checkout, also from a git worktree
    }


def _manage(env: dict, *args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(
        command, env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def _prepare(env: dict) -> list[tuple[str, str]]:
    print("preparing: migrate, regions, demo data, collectstatic …", flush=True)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "import_regions", "-v0")
    _manage(env, "load_demo_data", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    script = (
        "from ehrensache.opportunities.models import Opportunity;"
        "from ehrensache.courses.models import Course;"
        "o = Opportunity.objects.filter(status='published').order_by('pk').first();"
        "c = Course.objects.filter(status='published').order_by('pk').first();"
        "print(o.get_absolute_url()); print(c.get_absolute_url())"
    )
    opportunity, course = _manage(env, "shell", "--no-imports", "-c", script).split()[-2:]
    return [
        *PAGES_WITHOUT_DATA[:2],
        ("opportunity page", opportunity),
        PAGES_WITHOUT_DATA[2],
        ("course page", course),
        *PAGES_WITHOUT_DATA[3:],
    ]


def _serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "ehrensache.wsgi", "-w", "2",
         "-b", f"127.0.0.1:{port}", "--access-logfile", "-"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def measure(base: str, path: str) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = defaultdict(int)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
        page = context.new_page()

        def record(request):
            sent = request.sizes()
            kind = KINDS.get(request.resource_type, "other")
            sizes[kind] += sent["responseBodySize"] + sent["responseHeadersSize"]

        page.on("requestfinished", record)
        page.goto(base + path, wait_until="networkidle")
        browser.close()
    return dict(sizes)


def lighthouse(url: str) -> dict[str, int]:
    """Scores 0–100 per category (mobile preset, Chromium from Debian, headless)."""
    result = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--output=json", "--quiet",
         "--only-categories=performance,accessibility",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    categories = json.loads(result.stdout)["categories"]
    return {key: round(value["score"] * 100) for key, value in categories.items()}


def _weights(base: str, pages: list[tuple[str, str]]) -> bool:
    failed = False
    columns = ["html", "css", "js", "fonts", "images", "other"]
    print(f"\n{'page':22}" + "".join(f"{c:>8}" for c in columns) + f"{'total':>9}  budget")
    for name, path in pages:
        sizes = measure(base, path)
        total = sum(sizes.values())
        ok = total <= BUDGET_KB * 1024
        failed |= not ok
        cells = "".join(f"{sizes.get(c, 0) / 1024:8.1f}" for c in columns)
        print(f"{name:22}{cells}{total / 1024:9.1f}  {'ok' if ok else 'OVER'}", flush=True)
    print(f"\nKB transferred (headers + body as sent); budget {BUDGET_KB} KB per page.")
    return failed


def _scores(base: str, pages: list[tuple[str, str]]) -> bool:
    failed = False
    print(f"\n{'page':22}{'performance':>12}{'accessibility':>14}  budget")
    for name, path in pages:
        scores = lighthouse(base + path)
        ok = (
            scores["performance"] >= PERFORMANCE_BUDGET
            and scores["accessibility"] >= ACCESSIBILITY_BUDGET
        )
        failed |= not ok
        print(
            f"{name:22}{scores['performance']:12}{scores['accessibility']:14}  "
            f"{'ok' if ok else 'MISSED'}",
            flush=True,
        )
    print(
        f"\nLighthouse mobile preset; budgets: performance >= {PERFORMANCE_BUDGET}, "
        f"accessibility {ACCESSIBILITY_BUDGET}."
    )
    return failed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="leave the data in /tmp")
    parser.add_argument("--no-lighthouse", action="store_true", help="page weight only")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ehrensache-weight-"))
    env = _environment(tmp)
    pages = _prepare(env)
    port = free_port()
    server = _serve(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        failed = _weights(base, pages)
        if not args.no_lighthouse:
            failed |= _scores(base, pages)
    finally:
        server.terminate()
        server.wait()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
