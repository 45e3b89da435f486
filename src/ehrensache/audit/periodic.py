from .tasks import prune_log_entries

JOBS = [prune_log_entries]
