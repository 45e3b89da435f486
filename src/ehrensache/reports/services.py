"""Writes of the statistics: only the roll-up (no person writes figures)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from .models import RollUp
from .rollup import default_years, roll_up


def roll_up_if_due(*, now: dt.datetime | None = None) -> int:
    """Roll up this and last year if the last run is older than the interval; else 0."""
    now = now or timezone.now()
    minutes = getattr(settings, "EHRENSACHE_REPORTS_ROLLUP_MINUTES", 60)
    years = default_years(timezone.localdate(now))
    done = RollUp.objects.filter(
        year__in=years, finished_at__gt=now - dt.timedelta(minutes=minutes)
    )
    if done.count() == len(years):
        return 0
    return roll_up(years, today=timezone.localdate(now))
