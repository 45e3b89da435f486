from .tasks import prune_bounces

JOBS = [prune_bounces]
