import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def roll_up_statistics() -> int:
    """Recompute this and last year's statistics unless done within the interval
    (``EHRENSACHE_REPORTS_ROLLUP_MINUTES``, default 60); idempotent."""
    from .services import roll_up_if_due

    written = roll_up_if_due()
    log.info("statistics roll-up: %d facts", written)
    return written
