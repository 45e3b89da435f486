from django_tasks import task

from .services import deliver


@task()
def deliver_mailing(mailing_id: int) -> dict[str, int]:
    """Send the queued deliveries of a mailing (idempotent: each delivery at most once)."""
    return deliver(mailing_id)
