from .tasks import prune_task_results

JOBS = [prune_task_results]
