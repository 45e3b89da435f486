import pytest

from tests.factories import AgencyFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/agencies"


def test_agencies_for_35037_responsible_first_then_nearest(client, agency, other_agency):
    response = client.get(URL, {"postal_code": "35037"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(r["slug"], r["responsible"]) for r in body["results"]] == [
        (agency.slug, True),
        (other_agency.slug, False),
    ]
    assert body["results"][0]["district"]["key"] == "06534"
    assert 70 < body["results"][1]["distance_km"] < 90  # Marburg–Kassel
    assert body["results"][1]["url"].endswith(f"/anlaufstellen/{other_agency.slug}/")


def test_agencies_for_place(client, agency):
    response = client.get(URL, {"place": "Marburg"})

    assert [r["slug"] for r in response.json()["results"]] == [agency.slug]


def test_agencies_for_postal_code_are_paginated(client):
    AgencyFactory.create_batch(3, district_key="06534")

    first = client.get(URL, {"postal_code": "35037", "page_size": 2}).json()
    second = client.get(URL, {"postal_code": "35037", "page_size": 2, "page": 2}).json()

    assert (first["count"], len(first["results"]), len(second["results"])) == (3, 2, 1)
    assert {r["slug"] for r in first["results"]}.isdisjoint(r["slug"] for r in second["results"])


def test_agencies_unknown_postal_code_is_404(client):
    response = client.get(URL, {"postal_code": "99999"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("code", ["9999", "ABCDE"])
def test_agencies_malformed_postal_code_is_422(client, code):
    response = client.get(URL, {"postal_code": code})

    assert response.status_code == 422
    assert "keine gültige Postleitzahl" in response.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"page": 0}, {"page_size": 101}, {"district": "99999"}, {"kind": "bank"}]
)
def test_agencies_bad_parameters_are_422(client, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_agency_directory_without_location_filters_by_district(client, agency, other_agency):
    body = client.get(URL, {"district": "06611"}).json()

    assert [r["slug"] for r in body["results"]] == [other_agency.slug]
    assert body["results"][0]["responsible"] is None


@pytest.mark.parametrize("n", [1, 3])
def test_agency_list_query_count_is_flat(client, n, django_assert_num_queries):
    AgencyFactory.create_batch(n, district_key="06534")

    with django_assert_num_queries(2):
        directory = client.get(URL).json()
    with django_assert_num_queries(3):
        lookup = client.get(URL, {"postal_code": "35037"}).json()

    assert (len(directory["results"]), len(lookup["results"])) == (n, n)


def test_agency_detail(client, agency):
    agency.service_postal_codes.create(code="35039")

    response = client.get(f"{URL}/{agency.slug}")

    body = response.json()
    assert response.status_code == 200
    assert body["name"] == "Freiwilligenagentur Marburg-Biedenkopf (Demo)"
    assert [d["key"] for d in body["service_districts"]] == ["06534"]
    assert body["service_postal_codes"] == ["35039"]


def test_agency_detail_unknown_is_404_json(client):
    response = client.get(f"{URL}/gibt-es-nicht")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "Diese Anlaufstelle gibt es nicht.",
        "code": "not_found",
        "errors": [],
    }


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/agencies",
        "/api/v1/agencies/{slug}",
        "/api/v1/regions/postal-codes/{code}",
    } <= set(paths)
