"""Daily engagement jobs (``manage.py run_periodic``): statuses first, then § 72a retention,
then the autumn reminder to enter next year's pocket-money cap."""

from .tasks import (
    delete_expired_record_checks,
    remind_next_pocket_money_cap,
    remind_record_check_reinspection,
    update_engagement_statuses,
)

JOBS = [
    update_engagement_statuses,
    delete_expired_record_checks,
    remind_record_check_reinspection,
    remind_next_pocket_money_cap,
]
