import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)

UNVERIFIED_ACCOUNT_DAYS = 30


@task()
def delete_unverified_accounts():
    """Accounts whose e-mail address was never confirmed are deleted after 30 days
    (promised in the Datenschutz page). Idempotent; safe to run late or twice."""
    from .services import purge_unverified_accounts

    count = purge_unverified_accounts(
        older_than=timezone.now() - timedelta(days=UNVERIFIED_ACCOUNT_DAYS)
    )
    log.info("deleted %d unverified account(s)", count)
    return count
