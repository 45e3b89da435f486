"""The data takeover's periodic job (``manage.py run_periodic``)."""

from .tasks import prune_imports

JOBS = [prune_imports]
