from django_tasks import task

from . import services


@task()
def remind_coordinators():
    """Coordinators are reminded of interests left unanswered for 7 days."""
    return services.remind_unanswered_interests()


@task()
def inform_waiting_volunteers():
    """After 14 days without an answer the person hears from us, with similar opportunities."""
    return services.inform_waiting_volunteers()


@task()
def create_follow_ups():
    """Six weeks after a referral the agency gets its "Hat es geklappt?" to-do."""
    return services.create_due_follow_ups()
