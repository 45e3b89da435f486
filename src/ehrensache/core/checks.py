"""Start-up checks and hooks for the production configuration.

Rate limits count in the cache. A cache per process (local memory) multiplies every limit by
the number of web workers, so production refuses it; the database cache's table is made
after each ``migrate``.
"""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.management import call_command

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """ehrensache.E001: production needs a cache all processes share (Redis or database)."""
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            checks.Error(
                f"The cache {backend} counts rate limits per process.",
                hint="Set REDIS_URL, or use the database cache (the default without it).",
                id="ehrensache.E001",
            )
        ]
    return []


def create_cache_table(**kwargs: Any) -> None:
    """After ``migrate``: the database cache's table (idempotent, nothing for other caches)."""
    if any(cache["BACKEND"] == DATABASE_CACHE for cache in settings.CACHES.values()):
        call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)
