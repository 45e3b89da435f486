"""Periodic work (reminders, expiries, retention) in one place.

Each app may have ``periodic.py`` with ``JOBS = [some_task, ...]`` (tasks without arguments).
``manage.py run_periodic`` enqueues all of them; run it from cron / a systemd timer every
15 minutes in production. Jobs must be idempotent (they may run late or twice).
"""

from importlib import import_module

from django.apps import apps


def periodic_jobs():
    jobs = []
    for config in apps.get_app_configs():
        if not config.name.startswith("ehrensache."):
            continue
        try:
            module = import_module(f"{config.name}.periodic")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.periodic":
                raise
            continue
        jobs.extend(module.JOBS)
    return jobs
