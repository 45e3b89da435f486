import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_postal_code_35037(client):
    response = client.get("/api/v1/regions/postal-codes/35037")

    assert response.status_code == 200
    body = response.json()
    assert body["postal_code"] == "35037"
    assert body["places"] == ["Marburg"]
    assert body["district"] == {
        "key": "06534",
        "name": "Marburg-Biedenkopf",
        "label": "Landkreis Marburg-Biedenkopf",
        "kind": "landkreis",
    }
    assert body["state"] == {"code": "06", "name": "Hessen"}
    assert (body["latitude"], body["longitude"]) == (50.803, 8.7625)


def test_postal_code_unknown_is_404_json(client):
    response = client.get("/api/v1/regions/postal-codes/99999")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "99999" in response.json()["detail"]


@pytest.mark.parametrize("code", ["9999", "ABCDE", "123456"])
def test_postal_code_malformed_is_422_json(client, code):
    response = client.get(f"/api/v1/regions/postal-codes/{code}")

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == [{"field": "postal_code", "message": body["detail"]}]


def test_postal_code_large_customer_is_422(client):
    response = client.get("/api/v1/regions/postal-codes/34105")

    assert response.status_code == 422
    assert response.json()["code"] == "large_customer"


def test_postal_code_error_in_english(client):
    response = client.get("/api/v1/regions/postal-codes/99999", headers={"Accept-Language": "en"})

    assert response.json()["detail"].startswith("We do not know the postal code 99999")
