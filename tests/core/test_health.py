import copy

import pytest
from django.db import connections
from django.db.utils import load_backend

from ehrensache.core import views

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_database_is_unreachable(client, monkeypatch):
    """A real connection of the same engine, pointed at a closed port (PostgreSQL) or at a
    file that cannot be opened (SQLite)."""
    broken = copy.deepcopy(connections["default"].settings_dict)
    if connections["default"].vendor == "postgresql":
        broken.update({"HOST": "127.0.0.1", "PORT": "1"})
        broken["OPTIONS"] = {**broken.get("OPTIONS", {}), "connect_timeout": 2}
    else:
        broken["NAME"] = "/nonexistent-dir/ehrensache.sqlite3"
    wrapper = load_backend(broken["ENGINE"]).DatabaseWrapper(broken, alias="broken")
    monkeypatch.setattr(views, "connection", wrapper)

    response = client.get("/healthz")

    wrapper.close()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_answers_over_plain_http_when_https_is_enforced(client, settings):
    """Production redirects every plain-HTTP request to HTTPS, but not the health check."""
    settings.SECURE_SSL_REDIRECT = True

    health = client.get("/healthz")
    page = client.get("/")

    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok"}
    assert page.status_code == 301
    assert page["Location"].startswith("https://")
    assert client.get("/healthz/").status_code in (301, 404)  # only the exact path is exempt
