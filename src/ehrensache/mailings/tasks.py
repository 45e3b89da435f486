from django_tasks import task

from .services import deliver, prune_mailings


@task()
def deliver_mailing(mailing_id: int) -> dict[str, int]:
    """Send the queued deliveries of a mailing (idempotent: each delivery at most once)."""
    return deliver(mailing_id)


@task()
def prune_old_mailings() -> int:
    """Delete group messages (with their recipient lists) older than
    ``EHRENSACHE_MAILINGS_KEEP_DAYS`` (default 365): the list is kept for the sender's
    questions ("did she get it?"), not for ever. Idempotent."""
    return prune_mailings()
