import pytest
from django.test import Client

from ehrensache.messaging import services
from ehrensache.messaging.models import Message

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_threads_messages_and_posting(interest, volunteer, coordinator):
    thread = services.open_thread(interest)
    services.post_message(thread, author=coordinator, text="Hallo über die Website")
    client = _client(volunteer)

    threads = client.get("/api/v1/messaging/threads").json()
    assert threads["items"][0]["id"] == thread.pk
    assert threads["items"][0]["unread"] == 1

    messages = client.get(f"/api/v1/messaging/threads/{thread.pk}/messages").json()
    assert [m["text"] for m in messages["items"]] == [interest.message, "Hallo über die Website"]
    assert client.get("/api/v1/messaging/threads").json()["items"][0]["unread"] == 0

    url = f"/api/v1/messaging/threads/{thread.pk}/messages"
    body = {"text": "Per API", "idempotency_key": "same"}
    first = client.post(url, body, content_type="application/json")
    again = client.post(url, body, content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Message.objects.filter(source="api").count() == 1


@pytest.mark.parametrize(
    ("text", "status"), [("", 422), ("   ", 422), ("x" * 20_000, 422), ("a\x00b", 422)]
)
def test_bad_text_gets_a_structured_error(interest, coordinator, text, status):
    thread = services.open_thread(interest)
    response = _client(coordinator).post(
        f"/api/v1/messaging/threads/{thread.pk}/messages",
        {"text": text},
        content_type="application/json",
    )
    assert response.status_code == status
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"]


@pytest.mark.parametrize("outsider", ["volunteer2", "other_coordinator", "other_agency_staff"])
def test_outsiders_get_404_in_the_api(interest, outsider, request):
    thread = services.open_thread(interest)
    client = _client(request.getfixturevalue(outsider))
    url = f"/api/v1/messaging/threads/{thread.pk}/messages"

    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x"}, content_type="application/json").status_code == 404
    assert client.get("/api/v1/messaging/threads").json()["items"] == []


@pytest.mark.parametrize("n", [1, 3])
def test_thread_list_query_count(n, interest, volunteer, coordinator, django_assert_num_queries):
    from tests.messaging.test_views import _threads

    _threads(interest.opportunity.organization, volunteer, coordinator, n)
    client = _client(volunteer)
    client.get("/api/v1/messaging/threads")
    with django_assert_num_queries(4):  # session, user, count, page
        response = client.get("/api/v1/messaging/threads")
    assert len(response.json()["items"]) == n
