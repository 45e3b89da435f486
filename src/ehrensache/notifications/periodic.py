from .tasks import prune_sent_digests, send_daily_digests

JOBS = [send_daily_digests, prune_sent_digests]
