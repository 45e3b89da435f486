"""Group message benchmark: writing to 5,000 people queues the work in under 1 s of request
time; the worker's throughput in mails per second against a local SMTP server.

    .venv/bin/python bench/mailings_send.py                      # SQLite in a temporary dir
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/ehrensache_bench \\
        .venv/bin/python bench/mailings_send.py                  # PostgreSQL (dropped, created)

It migrates a fresh database, creates one network course with ``--people`` confirmed
participants (bulk inserts, no password hashing) and a nationwide network staff member, then
through Django's test client (server time: middleware, form, service, template) times:

- the preview POST (count, list, text for the first person),
- the confirm-send POST with the database task backend (``TASKS_BACKEND=database``): the
  request stores the mailing and 5,000 ``Delivery`` rows (one ``bulk_create``) and only
  enqueues the task (budget: < 1 s),
- a second identical confirm POST (idempotency key: no second mailing),

and then runs the real worker (``manage.py db_worker --batch``) against a local aiosmtpd
server (``EMAIL_URL=smtp://127.0.0.1:<port>/``), printing mails per second and checking that
every mail arrived once and every delivery is marked sent.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from common import free_port, recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
BUDGET_SECONDS = 1.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--profile", action="store_true", help="cProfile the confirm POST")
    return parser.parse_args()


def setup(smtp_port):
    pg = os.environ.get("BENCH_POSTGRES_URL")
    if pg:
        recreate_postgres(pg)
        database_url = pg
    else:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-mailings-')}/db.sqlite3"
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        TASKS_BACKEND="database",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}/",
        EHRENSACHE_REQUIRE_MFA_FOR_STAFF="0",
        ALLOWED_HOSTS="testserver,localhost",
        DJANGO_SETTINGS_MODULE="ehrensache.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return database_url


def create_data(n):
    from django.db import transaction
    from django.utils import timezone

    from ehrensache.accounts.models import NetworkMembership, User
    from ehrensache.courses.models import Course, Registration, Session

    start = timezone.now().replace(microsecond=0) + timezone.timedelta(days=30)
    with transaction.atomic():
        staff = User.objects.create(email="bench-staff@example.org", display_name="Bea Bench")
        NetworkMembership.objects.create(user=staff, state=None, title="Netzwerk")
        course = Course.objects.create(
            provider_kind=Course.ProviderKind.NETWORK,
            title="Großer Kurs (Benchmark)",
            description="Lastprobe für Rundnachrichten.",
            category="other",
            capacity=n,
            is_online=True,
            status=Course.Status.PUBLISHED,
            starts_at=start,
        )
        Session.objects.create(
            course=course,
            starts_at=start,
            ends_at=start + timezone.timedelta(hours=2),
            teaching_units=4,
        )
        people = User.objects.bulk_create(
            [
                User(email=f"bench{i}@example.org", display_name=f"Person{i} Bench", password="!")
                for i in range(n)
            ],
            batch_size=1000,
        )
        if not people[0].pk:  # backends without RETURNING ids
            people = list(User.objects.filter(email__startswith="bench").exclude(pk=staff.pk))
        Registration.objects.bulk_create(
            [Registration(course=course, person=p, status="confirmed") for p in people],
            batch_size=1000,
        )
    return staff, course


def _timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def time_requests(staff, course, profile=False):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(staff)
    kwargs = {"kind": "course-participants", "object_id": course.pk}
    data = {"subject": "Raumänderung", "body": "Hallo {vorname}, wir treffen uns am {datum}."}
    client.get(reverse("mailings:compose", kwargs=kwargs))  # warm up (templates, caches)
    preview, preview_s = _timed(
        lambda: client.post(
            reverse("mailings:compose", kwargs=kwargs), {**data, "action": "preview"}
        )
    )
    assert preview.status_code == 200, preview.status_code
    key = re.search(r'name="idempotency_key" value="([^"]+)"', preview.content.decode()).group(1)
    url = reverse("mailings:send", kwargs=kwargs)
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    sent, send_s = _timed(lambda: client.post(url, {**data, "idempotency_key": key}))
    if profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    assert sent.status_code == 302, sent.status_code
    again, again_s = _timed(lambda: client.post(url, {**data, "idempotency_key": key}))
    assert again.status_code == 302, again.status_code
    return preview_s, send_s, again_s


def run_worker(database_url, n):
    from aiosmtpd.controller import Controller

    class Counter:
        count = 0
        recipients: set = set()

        async def handle_DATA(self, server, session, envelope):
            self.count += 1
            self.recipients.update(envelope.rcpt_tos)
            return "250 OK"

    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    handler = Counter()
    port = int(urlparse(os.environ["EMAIL_URL"]).port)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env={**os.environ, "DEBUG": "0"},
            check=True,
        )
        seconds = time.perf_counter() - started
    finally:
        controller.stop()
    return handler.count, len(handler.recipients), seconds


def main():
    args = parse_args()
    smtp_port = free_port()
    database_url = setup(smtp_port)
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"Group message to {args.people:,} people ({engine})", flush=True)
    staff, course = create_data(args.people)

    from django_tasks_db.models import DBTaskResult

    from ehrensache.mailings.models import Delivery, Mailing

    preview_s, send_s, again_s = time_requests(staff, course, args.profile)
    mailing = Mailing.objects.get()
    queued = Delivery.objects.filter(mailing=mailing, status="queued").count()
    tasks = DBTaskResult.objects.count()
    print(f"  preview POST (count, list, text):     {preview_s * 1000:7.0f} ms")
    print(f"  confirm-send POST (store + enqueue):  {send_s * 1000:7.0f} ms  (budget < 1000 ms)")
    print(f"  same confirm again (idempotent):      {again_s * 1000:7.0f} ms")
    print(
        f"  deliveries queued: {queued:,}, tasks enqueued: {tasks}, mailings: {Mailing.objects.count()}"
    )

    mails, recipients, worker_s = run_worker(database_url, args.people)
    sent = Delivery.objects.filter(mailing=mailing, status="sent").count()
    print(f"  worker (db_worker --batch, SMTP):     {worker_s:7.1f} s for {mails:,} mails")
    print(f"  throughput:                           {mails / worker_s:7.0f} mails/s")
    print(f"  arrived: {mails:,} mails to {recipients:,} addresses; deliveries sent: {sent:,}")

    ok = (
        send_s < BUDGET_SECONDS
        and queued == args.people
        and tasks == 1
        and Mailing.objects.count() == 1
        and mails == recipients == sent == args.people
    )
    print("  verdict:", "ok" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
