"""Brokering's periodic jobs (``manage.py run_periodic``): idempotent, safe to run late."""

from .tasks import create_follow_ups, inform_waiting_volunteers, remind_coordinators

JOBS = [remind_coordinators, inform_waiting_volunteers, create_follow_ups]
