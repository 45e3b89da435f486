"""Periodic jobs (``manage.py run_periodic``): expiry warnings first, then archiving."""

from .tasks import archive_expired_opportunities, warn_expiring_opportunities

JOBS = [warn_expiring_opportunities, archive_expired_opportunities]
