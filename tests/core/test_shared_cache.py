"""Rate limits count in a cache every worker process shares: production uses Redis
(``REDIS_URL``) or else the database cache, never a cache per process."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches

from ehrensache.core.checks import create_cache_table, shared_cache

ROOT = Path(__file__).resolve().parents[2]
SECRET = "production-secret-for-the-cache-test-0123456789-abcdefghijklmnop"

# One worker process: reads e-mail addresses on stdin, answers for each whether allauth's
# "login_failed" limit (5 per 5 minutes per address) still allows a failed attempt.
WORKER = """
import json, sys
import django
django.setup()
from django.test import RequestFactory
from allauth.core import ratelimit
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = RequestFactory().post("/konto/login/", REMOTE_ADDR="203.0.113.7")
    allowed = ratelimit.consume(request, action="login_failed", key=line.strip())
    print(json.dumps({"allowed": allowed}), flush=True)
"""


def _production_env(tmp_path, **extra) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EHRENSACHE_", "PYTEST_"))
        and k not in {"DEBUG", "SECRET_KEY", "REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        EHRENSACHE_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="ehrensache.settings",
        PYTHONPATH=str(ROOT / "src"),
        **extra,
    )
    return env


def _setting(expression: str, env: dict[str, str]) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = [pytest.mark.integration]


def test_production_without_redis_uses_the_database_cache(tmp_path):
    env = _production_env(tmp_path)

    backend = _setting("settings.CACHES['default']['BACKEND']", env)

    assert backend == "django.core.cache.backends.db.DatabaseCache"


def test_production_with_redis_url_uses_redis(tmp_path):
    env = _production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")

    backend = _setting("settings.CACHES['default']['BACKEND']", env)

    assert backend == "django.core.cache.backends.redis.RedisCache"


def test_a_cache_per_process_is_refused_in_production(settings):
    settings.DEBUG = False
    settings.TESTING = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    errors = shared_cache()

    assert [e.id for e in errors] == ["ehrensache.E001"]

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "x"}
    }
    assert shared_cache() == []


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_database_cache_table(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ehrensache_cache_test",
        }
    }
    try:
        create_cache_table(using="default")
        cache = caches["default"]
        cache.set("k", 41)
        assert cache.incr("k") == 42
    finally:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS ehrensache_cache_test")


@pytest.mark.parametrize("store", ["database", "redis"])
def test_login_limit_is_shared_by_two_worker_processes(tmp_path, store):
    """Two processes with the production settings take turns at failed log-ins for one
    address: the sixth is refused, whichever process gets it. With a cache per process each
    would allow five, ten in all."""
    if store == "redis":
        if not _redis_up():
            pytest.skip("no Redis at 127.0.0.1:6379")
        env = _production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")
    else:
        env = _production_env(tmp_path)
        result = subprocess.run(
            [sys.executable, "manage.py", "createcachetable"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:
            assert json.loads(worker.stdout.readline()) == {"ready": True}
        address = f"{uuid.uuid4().hex}@example.org"
        answers = []
        for attempt in range(8):
            worker = workers[attempt % 2]
            worker.stdin.write(address + "\n")
            worker.stdin.flush()
            answers.append(json.loads(worker.stdout.readline())["allowed"])
    finally:
        for worker in workers:
            worker.stdin.close()
            worker.wait(timeout=30)

    assert answers == [True] * 5 + [False] * 3
