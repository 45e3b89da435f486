"""The README's deployment, run as written: production settings (no DEBUG) on PostgreSQL with
its own database, Redis, a local SMTP server (aiosmtpd), gunicorn with two workers,
``manage.py db_worker`` and ``manage.py run_periodic``.

Checks: ``/healthz`` over plain HTTP, a sign-up whose confirmation mail arrives through the
worker, the periodic jobs done by the worker, and the log-in limit shared by two web
processes. Run with ``make test-deploy`` (``pytest -m deploy``); needs PostgreSQL at
``DEPLOY_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432``) and Redis at
``DEPLOY_REDIS_URL`` (default ``redis://127.0.0.1:6379/13``).
"""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from html import unescape
from pathlib import Path

import pytest

pytestmark = [pytest.mark.deploy]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("DEPLOY_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("DEPLOY_REDIS_URL", "redis://127.0.0.1:6379/13")
DB_NAME = "ehrensache_deploy_check"
HOST = "127.0.0.1"
PASSWORD = "ein-langes-Passwort-fuer-den-Deploy-Check-42"
TOO_MANY = "Zu viele fehlgeschlagene Anmeldeversuche"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_until(check, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


class Browser:
    """Just enough of a browser: cookies, CSRF token, headers of the TLS proxy."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, *, https=True):
        headers = {"Host": f"{HOST}:{self.port}"}
        if https:  # as the TLS proxy in front of gunicorn would
            headers["X-Forwarded-Proto"] = "https"
            headers["Origin"] = f"https://{HOST}:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response, text

    def post_form(self, path: str, fields: dict):
        _response, page = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no CSRF token on {path}"
        return self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **fields})


@pytest.fixture
def database():
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    yield f"{PG_URL}/{DB_NAME}"
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    inbox = Inbox()
    controller = Controller(inbox, hostname=HOST, port=_free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.ConnectionError:
        pytest.fail(f"Redis not reachable at {REDIS_URL}")
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def environment(tmp_path, database, smtp, redis_db):
    """Step 1 of the README: the production environment (TASKS_BACKEND left at its default)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EHRENSACHE_", "PYTEST_"))
        and k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"}
    }
    env.update(
        DATABASE_URL=database,
        SECRET_KEY="deploy-check-" + uuid.uuid4().hex + uuid.uuid4().hex,
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        EMAIL_URL=f"smtp://{HOST}:{smtp.port}",
        DEFAULT_FROM_EMAIL="Ehrensache <noreply@example.org>",
        REDIS_URL=redis_db,
        EHRENSACHE_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        # A worktree's venv may point at another checkout; the code under test is this one.
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


def _run(env, *args, timeout=300):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _manage(env, *args, timeout=300):
    return _run(env, str(BIN / "python"), "manage.py", *args, timeout=timeout)


def _start(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _gunicorn(env, port: int, workers: int) -> subprocess.Popen:
    # README step 3
    return _start(
        env,
        str(BIN / "gunicorn"),
        "ehrensache.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
    )


def _healthz(port: int):
    try:
        response, text = Browser(port).request("GET", "/healthz", https=False)
    except OSError:
        return None
    return (response.status, json.loads(text)) if response.status == 200 else None


def _task_counts(env) -> dict:
    code = (
        "import json; from django_tasks_db.models import DBTaskResult; "
        "from django.db.models import Count; "
        "print(json.dumps({f\"{r['task_path']}:{r['status']}\": r['n'] for r in "
        "DBTaskResult.objects.values('task_path', 'status').annotate(n=Count('id'))}))"
    )
    return json.loads(_manage(env, "shell", "-c", code).strip().splitlines()[-1])


def test_readme_deployment_runs_as_written(environment, smtp):
    env = environment
    # README step 2 (pip install and npm ci are what `make test` has already done)
    if not (ROOT / "build").is_symlink():  # a worktree shares the checkout's build output
        _manage(env, "build_assets", timeout=600)
    _manage(env, "compilemessages", "--ignore", ".venv*", "--ignore", "node_modules*")
    _manage(env, "migrate", "--noinput", timeout=600)
    _manage(env, "import_regions", timeout=600)
    _manage(env, "collectstatic", "--noinput", timeout=900)
    assert "no issues" in _manage(env, "check", "--deploy", "--fail-level", "WARNING")

    web_port, second_port = _free_port(), _free_port()
    processes = [
        _gunicorn(env, web_port, workers=2),
        _gunicorn(env, second_port, workers=1),  # a second web process for the limits
        # README step 4: the worker (TASKS_BACKEND=database is the production default)
        _start(env, str(BIN / "python"), "manage.py", "db_worker", "--interval", "0.5"),
    ]
    try:
        # README step 6: monitoring over plain HTTP, no redirect
        for port in (web_port, second_port):
            status, body = _wait_until(lambda p=port: _healthz(p), timeout=60, what="/healthz")
            assert (status, body) == (200, {"status": "ok", "database": "ok"})
        plain, _ = Browser(web_port).request("GET", "/", https=False)
        assert plain.status == 301 and plain.getheader("Location").startswith("https://")
        home, page = Browser(web_port).request("GET", "/")
        assert home.status == 200 and "Content-Security-Policy" in dict(home.getheaders())

        # A sign-up: the confirmation mail goes out through the worker and the SMTP server.
        address = f"deploy-{uuid.uuid4().hex[:8]}@example.org"
        visitor = Browser(web_port)
        response, page = visitor.post_form(
            "/konto/signup/", {"email": address, "password1": PASSWORD, "password2": PASSWORD}
        )
        assert response.status == 302, page[:2000]
        mail = _wait_until(
            lambda: [m for rcpt, m in smtp.messages if address in rcpt],
            timeout=60,
            what="the sign-up mail",
        )[0]
        assert "/konto/confirm-email/" in unescape(mail.replace("=\n", ""))

        # README step 5: the periodic run enqueues the jobs, the worker does them.
        enqueued = _manage(env, "run_periodic")
        paths = [line.split()[-1] for line in enqueued.splitlines() if line.startswith("enqueued")]
        assert paths
        _wait_until(
            lambda: all(_task_counts(env).get(f"{p}:SUCCESSFUL") for p in paths),
            timeout=90,
            what="the periodic jobs",
        )

        # The log-in limit (5 failures per address) is shared by the two web processes.
        answers = []
        for attempt in range(7):
            port = (web_port, second_port)[attempt % 2]
            _response, page = Browser(port).post_form(
                "/konto/login/", {"login": address, "password": "falsch"}
            )
            answers.append(TOO_MANY in page)
        assert answers == [False] * 5 + [True] * 2
    finally:
        errors = []
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                _out, err = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                _out, err = process.communicate()
            if "Traceback" in (err or ""):
                errors.append(err[-3000:])
    assert not errors, "\n".join(errors)
