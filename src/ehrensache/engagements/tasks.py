"""Background work for engagements: thin wrappers around services (no arguments, idempotent)."""

from django_tasks import task

from . import services


@task()
def update_engagement_statuses():
    """Planned engagements whose start has come become active; past ends become ended."""
    return services.activate_due_engagements()


@task()
def delete_expired_record_checks():
    """§ 72a: delete records of people who never started or 3 months after the end."""
    return services.delete_expired_record_checks()


@task()
def remind_record_check_reinspection():
    """Tell the coordinator before the re-inspection of a certificate is due."""
    return services.remind_record_check_reinspection()


@task()
def remind_next_pocket_money_cap():
    """Each autumn until it is entered: tell network staff next year's cap is missing."""
    return services.remind_next_pocket_money_cap()
