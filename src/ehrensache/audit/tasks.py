import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def prune_log_entries() -> int:
    """Retention of the audit trail (``EHRENSACHE_AUDIT_KEEP_DAYS``); safe to run late or twice."""
    from .services import prune_log_entries as prune

    count = prune()
    log.info("pruned %d audit log entries", count)
    return count
