"""Background tasks of opportunities (thin: they call services)."""

import logging

from django_tasks import task

from . import services

log = logging.getLogger(__name__)


@task()
def warn_expiring_opportunities():
    count = services.warn_expiring_opportunities()
    log.info("expiry warnings sent for %d opportunities", count)
    return count


@task()
def archive_expired_opportunities():
    count = services.archive_expired_opportunities()
    log.info("%d expired opportunities archived", count)
    return count
