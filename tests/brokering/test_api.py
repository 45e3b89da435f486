import pytest

from ehrensache.accounts.models import ApiToken
from ehrensache.brokering import services
from ehrensache.brokering.models import Interest
from tests.factories import OpportunityFactory, UserFactory

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
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "payload.status")
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
    mine = client.get(f"{BASE}/interests/mine").json()

    assert (detail.status_code, change.status_code) == (404, 404)
    assert detail.json() == {
        "detail": "Diese Anfrage gibt es nicht.",
        "code": "not_found",
        "errors": [],
    }
    assert mine["count"] == 0
    assert Interest.objects.get().status == "new"


INBOX_REFUSED = (
    "Den Eingang sehen nur Personen, die eine Einsatzstelle koordinieren. Ihre eigenen "
    "Anfragen finden Sie unter /interests/mine."
)


@pytest.mark.parametrize(
    "person", ["volunteer", "other_volunteer", "agency_staff", "network_staff"]
)
def test_inbox_is_403_for_people_who_coordinate_no_organization(client, interest, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.get(f"{BASE}/inbox")

    assert response.status_code == 403
    assert response.json() == {"detail": INBOX_REFUSED, "code": "forbidden", "errors": []}


INBOX_REFUSED_EN = (
    "Only people who coordinate an organization can see the inbox. You will find "
    "your own requests under /interests/mine."
)


def test_inbox_403_in_english_for_a_token_client_asking_for_english(client, interest, agency_staff):
    _token, raw = ApiToken.issue(user=agency_staff, name="Test")

    response = client.get(
        f"{BASE}/inbox", HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": INBOX_REFUSED_EN, "code": "forbidden", "errors": []}


def test_inbox_403_in_the_language_of_the_signed_in_account(client, interest, volunteer):
    volunteer.preferred_language = "en"
    volunteer.save(update_fields=["preferred_language"])
    client.force_login(volunteer)

    response = client.get(f"{BASE}/inbox")

    assert (response.status_code, response.json()["detail"]) == (403, INBOX_REFUSED_EN)


def test_inbox_403_with_a_token_too(client, interest, volunteer):
    _token, raw = ApiToken.issue(user=volunteer, name="Test")

    response = client.get(f"{BASE}/inbox", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_other_coordinator_has_an_empty_inbox_and_403_for_our_organization(
    client, interest, other_coordinator, organization
):
    client.force_login(other_coordinator)

    own = client.get(f"{BASE}/inbox")
    ours = client.get(f"{BASE}/inbox", {"organization_id": organization.pk})

    assert (own.status_code, own.json()["count"]) == (200, 0)
    # The (public) organization exists; its inbox is not theirs: 403, not 404.
    assert ours.status_code == 403
    assert ours.json()["detail"] == "Diese Einsatzstelle koordinieren Sie nicht."
    assert ours.json()["code"] == "forbidden"
    missing = client.get(f"{BASE}/inbox", {"organization_id": 999999})
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")


def test_coordinator_filters_the_inbox_by_own_organization(
    client, interest, coordinator, organization
):
    client.force_login(coordinator)

    body = client.get(f"{BASE}/inbox", {"organization_id": organization.pk}).json()

    assert [item["id"] for item in body["items"]] == [interest.pk]


def test_anonymous_gets_401_everywhere(client, interest):
    statuses = [
        client.get(f"{BASE}/interests/mine").status_code,
        client.get(f"{BASE}/inbox").status_code,
        client.get(f"{BASE}/interests/{interest.pk}").status_code,
        client.post(
            f"{BASE}/interests/{interest.pk}/status",
            {"status": "withdrawn"},
            content_type="application/json",
        ).status_code,
    ]

    assert statuses == [401, 401, 401, 401]


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
