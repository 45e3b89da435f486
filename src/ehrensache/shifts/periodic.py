from .tasks import remind_shifts_tomorrow

JOBS = [remind_shifts_tomorrow]
