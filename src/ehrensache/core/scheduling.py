"""Periodic work (reminders, expiries, retention) in one place.

Each app may have ``periodic.py`` with ``JOBS = [some_task, ...]`` (tasks without arguments).
``manage.py run_periodic`` enqueues all of them; run it from cron / a systemd timer every
15 minutes in production. Jobs must be idempotent (they may run late or twice).
"""

from .registry import app_modules


def periodic_jobs():
    jobs = []
    for module in app_modules("periodic"):
        jobs.extend(module.JOBS)
    return jobs
