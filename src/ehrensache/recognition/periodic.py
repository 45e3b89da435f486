from .tasks import remind_expiring_cards

JOBS = [remind_expiring_cards]
