"""Opportunities API: search parameters, errors, pagination, rate limit, token writes, scopes."""

import pytest
from django.db import connection

from ehrensache.accounts.models import ApiToken
from ehrensache.opportunities.models import Opportunity
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = "/api/v1/opportunities"


def bearer(user):
    _token, secret = ApiToken.issue(user=user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_search_with_distance(client):
    OpportunityFactory(title="Hausaufgabenhilfe", postal_code="35037")
    OpportunityFactory(title="Hausaufgabenhilfe Kassel", postal_code="34117")

    body = client.get(LIST, {"q": "Hausaufgaben", "postal_code": "35037", "radius_km": 25}).json()

    assert body["count"] == 1
    assert body["results"][0]["title"] == "Hausaufgabenhilfe"
    assert body["results"][0]["distance_km"] == 0.0
    assert body["results"][0]["place"]["district_key"] == "06534"


def test_repeated_parameters_and_pagination(client):
    OpportunityFactory.create_batch(3, field="sport")
    OpportunityFactory(field="kultur")
    OpportunityFactory(field="umwelt")

    body = client.get(LIST, {"field": ["sport", "kultur"], "page_size": 2, "page": 2}).json()

    assert body["count"] == 4
    assert body["num_pages"] == 2
    assert len(body["results"]) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"radius_km": 101, "postal_code": "35037"}, "radius_km"),
        ({"radius_km": "viel"}, "radius_km"),
        ({"postal_code": "99999"}, "postal_code"),
        ({"postal_code": "3503"}, "postal_code"),
        ({"q": "x" * 500}, "q"),
        ({"field": "<b>"}, "field"),
        ({"weekday": "monday"}, "weekday"),
        ({"page_size": 1000}, "page_size"),
        ({"lat": 50.8}, "lat"),
    ],
)
def test_bad_parameters_give_422_with_field(client, params, field):
    response = client.get(LIST, params)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_flat(client, django_assert_num_queries, n):
    OpportunityFactory.create_batch(n, title="Gartenarbeit")

    # postal code lookup, candidates (PostgreSQL: with rank), SQLite: rank, page objects
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 4):
        body = client.get(LIST, {"q": "Garten", "postal_code": "35037"}).json()

    assert body["count"] == n


def test_detail_hides_non_public(client, organization):
    public = OpportunityFactory()
    draft = OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT)

    assert client.get(f"{LIST}/{public.pk}").json()["id"] == public.pk
    assert client.get(f"{LIST}/{draft.pk}").status_code == 404
    assert client.get(f"{LIST}/999999").status_code == 404


def test_anonymous_clients_are_rate_limited(client, settings):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "API_ANON_RATE": "3/m"}

    codes = [client.get("/api/v1/fields").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_token_clients_are_not_rate_limited(client, settings, coordinator):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "API_ANON_RATE": "1/m"}
    headers = bearer(coordinator)

    codes = [client.get("/api/v1/fields", **headers).status_code for _ in range(3)]

    assert codes == [200, 200, 200]


def test_coordinator_creates_changes_and_publishes(client, coordinator, organization):
    headers = bearer(coordinator)

    created = client.post(
        LIST,
        {"organization": organization.slug, "title": "Lesepaten", "description": "Vorlesen.",
         "field": "bildung", "postal_code": "35037", "weekdays": ["on_monday"],
         "suitability": ["suitable_for_seniors"]},
        content_type="application/json", **headers,
    ).json()  # fmt: skip
    changed = client.patch(
        f"{LIST}/{created['id']}", {"title": "Lesepatinnen"}, content_type="application/json",
        **headers,
    ).json()  # fmt: skip
    published = client.post(
        f"{LIST}/{created['id']}/status", {"action": "publish"}, content_type="application/json",
        **headers,
    ).json()  # fmt: skip

    assert created["status"] == "draft"
    assert created["weekdays"] == ["on_monday"]
    assert created["suitability"] == ["suitable_for_seniors"]
    assert changed["title"] == "Lesepatinnen"
    assert published["status"] == "published"
    assert client.get(f"{LIST}/mine", **headers).json()[0]["id"] == created["id"]


def test_write_errors_name_the_field(client, coordinator, organization):
    headers = bearer(coordinator)
    payload = {"organization": organization.slug, "title": "Lesepaten", "description": "x",
               "field": "bildung", "postal_code": "99999"}  # fmt: skip

    unknown_code = client.post(LIST, payload, content_type="application/json", **headers)
    bad_field = client.post(
        LIST, {**payload, "field": "quatsch"}, content_type="application/json", **headers
    )

    assert unknown_code.status_code == 422  # input to correct; 404 is for hidden records
    assert unknown_code.json()["errors"][0]["field"] == "postal_code"
    assert bad_field.status_code == 422
    assert bad_field.json()["errors"][0]["field"] == "payload.field"
    assert Opportunity.objects.count() == 0


def test_scopes_for_other_coordinator_volunteer_and_anonymous(
    client, organization, other_coordinator, volunteer
):
    opportunity = OpportunityFactory(organization=organization)
    payload = {"organization": organization.slug, "title": "Fremd", "description": "x",
               "field": "bildung", "postal_code": "35037"}  # fmt: skip

    anonymous = client.patch(
        f"{LIST}/{opportunity.pk}", {"title": "x"}, content_type="application/json"
    )
    bad_token = client.get(f"{LIST}/mine", HTTP_AUTHORIZATION="Bearer es_falsch")
    assert anonymous.status_code == 401
    assert bad_token.status_code == 401
    for person in (other_coordinator, volunteer):
        headers = bearer(person)
        patch = client.patch(
            f"{LIST}/{opportunity.pk}",
            {"title": "Gekapert"},
            content_type="application/json",
            **headers,
        )
        status = client.post(
            f"{LIST}/{opportunity.pk}/status", {"action": "archive"},
            content_type="application/json", **headers,
        )  # fmt: skip
        create = client.post(LIST, payload, content_type="application/json", **headers)
        # Public opportunity and organization: 403 for actions that are not theirs.
        assert [patch.status_code, status.status_code, create.status_code] == [403, 403, 403]
        assert patch.json()["code"] == "forbidden"
        assert client.get(f"{LIST}/mine", **headers).json() == []
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert Opportunity.objects.count() == 1


def test_revoked_token_is_refused(client, coordinator):
    token, secret = ApiToken.issue(user=coordinator, name="alt")
    token.revoked_at = token.created_at
    token.save()

    response = client.get(f"{LIST}/mine", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 401


def test_fields_and_organizations(client, organization):
    organization.fields_of_activity = ["bildung"]
    organization.save()

    fields = client.get("/api/v1/fields").json()
    orgs = client.get("/api/v1/organizations", {"field": "bildung"}).json()
    detail = client.get(f"/api/v1/organizations/{organization.slug}").json()

    assert {"key": "bildung", "label": "Bildung & Lernhilfe"} in fields
    assert [o["slug"] for o in orgs["results"]] == [organization.slug]
    assert detail["fields_of_activity"] == [{"key": "bildung", "label": "Bildung & Lernhilfe"}]
    assert client.get("/api/v1/organizations", {"field": "sport"}).json()["count"] == 0
    assert client.get("/api/v1/organizations/gibt-es-nicht").status_code == 404
