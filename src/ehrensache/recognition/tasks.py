from django_tasks import task

from .services import send_card_expiry_reminders


@task()
def remind_expiring_cards():
    """Once per card, the rule's number of days before a Juleica or E-Card expires."""
    return send_card_expiry_reminders()
