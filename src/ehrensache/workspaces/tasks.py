import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def send_dashboard_digests() -> int:
    """Each staff person's daily mail of what waits on their dashboards."""
    from .services import send_dashboard_digests as send

    count = send()
    log.info("sent %d dashboard digest(s)", count)
    return count
