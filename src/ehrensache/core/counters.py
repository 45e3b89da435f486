"""Fixed-window counters in the shared cache (Redis in production), for rate limits."""

from contextlib import suppress

from django.core.cache import cache


def count_in_window(key: str, amount: int = 1, *, window: int) -> int:
    """Add ``amount`` to the counter ``key`` (created for ``window`` seconds) and return the
    new total. A counter that expired between creating and adding starts again."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key, amount)
    except ValueError:
        cache.set(key, amount, window)
        return amount


def uncount(key: str, amount: int = 1) -> None:
    """Take back ``amount`` counted by ``count_in_window`` (the action did not happen)."""
    with suppress(ValueError):  # the window is over: nothing left to take back
        cache.decr(key, amount)
