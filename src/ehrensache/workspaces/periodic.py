from .tasks import send_dashboard_digests

JOBS = [send_dashboard_digests]
