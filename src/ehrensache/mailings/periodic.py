from .tasks import prune_old_mailings

JOBS = [prune_old_mailings]
