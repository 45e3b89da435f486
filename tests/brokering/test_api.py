import pytest

from ehrensache.brokering import services
from ehrensache.brokering.models import Interest
from ehrensache.opportunities.models import ApiToken
from tests.factories import UserFactory

from .factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/api/v1/brokering"


@pytest.fixture
def interest(opportunity, volunteer):
    return services.express_interest(opportunity, volunteer=volunteer)[0]


def test_anonymous_gets_401(client, interest):
    assert client.get(f"{BASE}/interests/mine").status_code == 401


def test_volunteer_lists_own_interests(client, interest, volunteer):
    client.force_login(volunteer)

    body = client.get(f"{BASE}/interests/mine").json()

    assert [item["id"] for item in body["items"]] == [interest.pk]
    assert body["items"][0]["status"] == "new"


def test_coordinator_inbox_and_status_change_with_token(client, interest, coordinator):
    _token, raw = ApiToken.issue(user=coordinator, name="Test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    inbox = client.get(f"{BASE}/inbox", **auth).json()
    changed = client.post(
        f"{BASE}/interests/{interest.pk}/status",
        {"status": "meeting_agreed"},
        content_type="application/json",
        **auth,
    )

    assert [item["id"] for item in inbox["items"]] == [interest.pk]
    assert changed.status_code == 200
    assert changed.json()["status"] == "meeting_agreed"
    assert [h["status"] for h in changed.json()["history"]] == ["new", "meeting_agreed"]


def test_refused_transition_is_409_and_unknown_status_422(client, interest, volunteer):
    client.force_login(volunteer)

    refused = client.post(
        f"{BASE}/interests/{interest.pk}/status",
        {"status": "started"},
        content_type="application/json",
    )
    unknown = client.post(
        f"{BASE}/interests/{interest.pk}/status",
        {"status": "<script>"},
        content_type="application/json",
    )

    assert (refused.status_code, refused.json()["code"]) == (409, "transition_refused")
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "status")
    assert Interest.objects.get().status == "new"


@pytest.mark.parametrize("outsider", ["other_coordinator", "other_agency_staff", "other_volunteer"])
def test_others_get_404(client, interest, outsider, request):
    client.force_login(request.getfixturevalue(outsider))

    detail = client.get(f"{BASE}/interests/{interest.pk}")
    change = client.post(
        f"{BASE}/interests/{interest.pk}/status",
        {"status": "withdrawn"},
        content_type="application/json",
    )
    inbox = client.get(f"{BASE}/inbox").json()
    mine = client.get(f"{BASE}/interests/mine").json()

    assert (detail.status_code, change.status_code) == (404, 404)
    assert (inbox["count"], mine["count"]) == (0, 0)
    assert Interest.objects.get().status == "new"


@pytest.mark.parametrize("n", [1, 3])
def test_inbox_api_query_count_is_flat(
    client, coordinator, organization, n, django_assert_num_queries
):
    for _ in range(n):
        services.express_interest(
            OpportunityFactory(organization=organization), volunteer=UserFactory()
        )
    client.force_login(coordinator)

    with django_assert_num_queries(7):
        body = client.get(f"{BASE}/inbox").json()

    assert body["count"] == n
