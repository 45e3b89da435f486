"""The statistics' periodic job (``manage.py run_periodic``): the roll-up into ``Fact``."""

from .tasks import roll_up_statistics

JOBS = [roll_up_statistics]
