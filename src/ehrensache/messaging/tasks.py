import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .models import Bounce

log = logging.getLogger(__name__)

BOUNCE_KEEP_DAYS = 90


@task()
def prune_bounces() -> int:
    """Recorded bounces hold an e-mail address: deleted after ``BOUNCE_KEEP_DAYS``; safe to
    run late or twice."""
    cutoff = timezone.now() - timedelta(days=BOUNCE_KEEP_DAYS)
    count, _ = Bounce.objects.filter(received_at__lt=cutoff).delete()
    log.info("pruned %d bounce(s)", count)
    return count
