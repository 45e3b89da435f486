"""Rush benchmark: N concurrent registration requests over HTTP for a course with S seats.

Proves the seat lock under load on PostgreSQL: expect exactly S confirmed, N - S waitlisted
(ranks 1..N-S in arrival order) and 0 errors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ehrensache .venv/bin/python bench/courses_rush.py
    SECRET_KEY=<the server's> DATABASE_URL=<the server's> .venv/bin/python bench/courses_rush.py \
        --url http://127.0.0.1:8000   # a server already running (same database and SECRET_KEY)

Without ``--url`` it migrates the database and starts gunicorn (production settings, DEBUG off)
on ``--port``, and stops it afterwards. It creates N people with sessions directly in the
database (no password hashing, no logins over HTTP), one network course, fires the N
``POST /api/v1/courses/<id>/registrations`` requests at once from N threads, prints the
figures, checks the database and removes what it created (``--keep`` keeps it).
"""

import argparse
import os
import secrets
import signal
import statistics
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running server (same database!)")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8103")))
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    parser.add_argument("--keep", action="store_true", help="keep the course and people")
    return parser.parse_args()


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    # Sessions are signed: the server must run with the same SECRET_KEY as this script.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ehrensache.settings")
    import django

    django.setup()


def create_data(n_people, seats, run_id):
    """One published network course with one session in 30 days; n people with sessions."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.db import transaction
    from django.utils import timezone

    from ehrensache.accounts.models import User
    from ehrensache.courses.models import Course, Session

    start = timezone.now().replace(microsecond=0) + timedelta(days=30)
    with transaction.atomic():
        course = Course.objects.create(
            provider_kind=Course.ProviderKind.NETWORK,
            title=f"Rush-Benchmark {run_id} (Demo)",
            description="Lastprobe für die Platzvergabe.",
            category="other",
            capacity=seats,
            is_online=True,
            status=Course.Status.PUBLISHED,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            is_demo=True,
        )
        Session.objects.create(
            course=course, starts_at=start, ends_at=start + timedelta(hours=3), teaching_units=4
        )
        users = [
            User(email=f"rush-{run_id}-{i}@bench.invalid", display_name=f"Rush {i}")
            for i in range(n_people)
        ]
        for user in users:
            user.set_unusable_password()
        users = User.objects.bulk_create(users)
        users = list(User.objects.filter(email__startswith=f"rush-{run_id}-").order_by("pk"))
        sessions, keys = [], []
        store = SessionStore()
        expire = timezone.now() + timedelta(hours=2)
        for user in users:
            key = store._get_new_session_key()
            data = {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
            sessions.append(
                DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expire)
            )
            keys.append(key)
        DjangoSession.objects.bulk_create(sessions)
    return course, users, keys


def remove_data(course, users, keys):
    from django.contrib.sessions.models import Session as DjangoSession

    DjangoSession.objects.filter(session_key__in=keys).delete()
    course.delete()
    type(users[0]).objects.filter(pk__in=[u.pk for u in users]).delete()


def start_server(port, workers, threads, database_url):
    Path(os.environ.get("STATIC_ROOT", "/tmp/ehrensache-bench-static")).mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_URL": "locmem:",
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": os.environ.get("STATIC_ROOT", "/tmp/ehrensache-bench-static"),
    }
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "ehrensache.wsgi",
        "--chdir",
        str(ROOT / "src"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return proc, base
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
    stop_server(proc)
    raise SystemExit("server did not answer /healthz within 60 s")


def stop_server(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def fire(base, course_id, keys, timeout):
    """POST once per session from its own thread, all released together by a barrier."""
    import json

    url = f"{base}/api/v1/courses/{course_id}/registrations"
    barrier = threading.Barrier(len(keys))
    alphabet = string.ascii_letters + string.digits

    def one(key):
        csrf = "".join(secrets.choice(alphabet) for _ in range(32))
        request = urllib.request.Request(
            url,
            data=b"",
            method="POST",
            headers={
                "Cookie": f"sessionid={key}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Referer": base + "/kurse/",
                "Accept": "application/json",
            },
        )
        barrier.wait(timeout=60)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = json.loads(response.read())
                return response.status, body.get("status"), time.perf_counter() - started
        except urllib.error.HTTPError as exc:
            return (
                exc.code,
                exc.read()[:200].decode(errors="replace"),
                time.perf_counter() - started,
            )
        except Exception as exc:  # noqa: BLE001 - counted as an error
            return 0, f"{type(exc).__name__}: {exc}", time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(keys)) as pool:
        results = list(pool.map(one, keys))
    return results, time.perf_counter() - started


def check_database(course, seats, n):
    from ehrensache.courses.models import Registration

    rows = list(
        Registration.objects.filter(course=course)
        .order_by("pk")
        .values_list("status", "waitlist_rank")
    )
    confirmed = sum(1 for s, _r in rows if s == "confirmed")
    waiting = [r for s, r in rows if s == "waitlisted"]
    problems = []
    if confirmed != seats:
        problems.append(f"database: {confirmed} confirmed, expected {seats}")
    if sorted(waiting) != list(range(1, n - seats + 1)):
        problems.append("database: waiting-list ranks are not 1..N-S")
    if waiting != sorted(waiting):
        problems.append("database: waiting-list ranks do not follow arrival order")
    return confirmed, len(waiting), problems


def main():
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit(
            "Set DATABASE_URL to a PostgreSQL database, e.g. "
            "postgres://postgres@127.0.0.1:5432/ehrensache (the rush is a PostgreSQL proof)."
        )
    setup_django(database_url)
    from django.core.management import call_command

    proc = None
    if not args.url:
        call_command("migrate", verbosity=0, interactive=False)
    run_id = secrets.token_hex(4)
    t0 = time.perf_counter()
    course, users, keys = create_data(args.requests, args.seats, run_id)
    print(
        f"set-up: {len(users)} people with sessions, 1 course with {args.seats} seats "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    try:
        if args.url:
            base = args.url.rstrip("/")
        else:
            proc, base = start_server(args.port, args.workers, args.threads, database_url)
            print(f"server: gunicorn, {args.workers} workers x {args.threads} threads on {base}")
        results, duration = fire(base, course.pk, keys, args.timeout)
    finally:
        if proc is not None:
            stop_server(proc)
    confirmed = sum(1 for code, status, _t in results if code == 201 and status == "confirmed")
    waitlisted = sum(1 for code, status, _t in results if code == 201 and status == "waitlisted")
    errors = [(code, detail) for code, detail, _t in results if code != 201]
    latencies = sorted(t for _c, _s, t in results)
    print(f"requests:   {len(results)} concurrent POST /api/v1/courses/{course.pk}/registrations")
    print(f"confirmed:  {confirmed}")
    print(f"waitlisted: {waitlisted}")
    print(f"errors:     {len(errors)}")
    print(f"duration:   {duration:.2f} s  ({len(results) / duration:.0f} requests/s)")
    print(
        f"latency:    median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms"
    )
    for code, detail in errors[:5]:
        print(f"  error {code}: {detail}")
    db_confirmed, db_waiting, problems = check_database(course, args.seats, args.requests)
    print(
        f"database:   {db_confirmed} confirmed, {db_waiting} waitlisted (ranks in arrival order)"
        if not problems
        else "\n".join(problems)
    )
    if not args.keep:
        remove_data(course, users, keys)
    ok = (
        not errors
        and not problems
        and confirmed == args.seats
        and waitlisted == args.requests - args.seats
    )
    print("RESULT:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
