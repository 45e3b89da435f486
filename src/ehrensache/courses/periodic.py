from .tasks import expire_course_offers, send_course_reminders

JOBS = [expire_course_offers, send_course_reminders]
