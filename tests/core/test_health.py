import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
