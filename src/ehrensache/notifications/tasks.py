"""Background work of notifications; periodic.py lists the argument-less jobs."""

import logging

from django_tasks import task

from . import services

log = logging.getLogger(__name__)


@task()
def send_daily_digests() -> int:
    """One digest per person and day with their waiting notifications (idempotent)."""
    count = services.send_digests()
    log.info("notification digests sent: %d", count)
    return count


@task()
def prune_sent_digests() -> int:
    """Sent digests and their entries are kept only a few weeks."""
    return services.prune_digests()
