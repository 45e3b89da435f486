"""Background work for courses; periodic.py lists the argument-less jobs."""

import logging

from django_tasks import task

from . import services

log = logging.getLogger(__name__)


@task()
def expire_course_offers():
    """Offers not confirmed in time expire; the seat goes to the next person."""
    count = services.expire_offers()
    log.info("course offers expired: %d", count)
    return count


@task()
def send_course_reminders():
    """Reminders two days before a course's first session."""
    count = services.send_reminders()
    log.info("course reminders sent: %d", count)
    return count
