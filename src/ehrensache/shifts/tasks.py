from django_tasks import task

from .services import send_shift_reminders


@task()
def remind_shifts_tomorrow():
    """Reminder the day before a shift (idempotent: once per sign-up)."""
    return send_shift_reminders()
