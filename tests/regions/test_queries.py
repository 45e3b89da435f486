import pytest

from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.regions.queries import locate, locate_place, resolve_location

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_locate_35037_is_marburg_in_marburg_biedenkopf():
    location = locate("35037")

    assert location.places == ("Marburg",)
    assert (location.district.key, location.district.label) == (
        "06534",
        "Landkreis Marburg-Biedenkopf",
    )
    assert location.state.name == "Hessen"
    assert (location.latitude, location.longitude) == (50.803, 8.7625)


def test_locate_34117_is_the_city_of_kassel_not_the_landkreis():
    location = locate("34117")

    assert location.district.key == "06611"
    assert location.district.label == "Kassel (kreisfreie Stadt)"


def test_locate_accepts_spaces_inside_the_code():
    assert locate(" 60 311 ").postal_code == "60311"


def test_locate_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        location = locate("60311")

    assert location.district.name == "Frankfurt am Main"


@pytest.mark.parametrize("text", ["9999", "ABCDE", "123456", "", "35 03"])
def test_locate_malformed_code_raises_invalid_input_in_german(text):
    with pytest.raises(InvalidInput) as exc:
        locate(text)

    assert "keine gültige Postleitzahl" in str(exc.value)
    assert exc.value.status_code == 422


def test_locate_unknown_code_raises_not_found():
    with pytest.raises(NotFound) as exc:
        locate("99999")

    assert (
        str(exc.value) == "Die Postleitzahl 99999 kennen wir nicht. Bitte prüfen Sie die Eingabe."
    )


def test_locate_large_customer_code_explains_itself():
    with pytest.raises(InvalidInput) as exc:
        locate("34105")

    assert exc.value.code == "large_customer"
    assert "Großkunden-Postleitzahl" in str(exc.value)


@pytest.mark.parametrize(
    ("name", "district_key", "place"),
    [
        ("Marburg", "06534", "Marburg"),
        ("Frankfurt am Main", "06412", "Frankfurt am Main"),
        ("frankfurt am main", "06412", "Frankfurt am Main"),
        ("Giessen", "06531", "Gießen"),
        ("Kassel", "06611", "Kassel"),
        ("Berlin", "11000", "Berlin"),
    ],
)
def test_locate_place_by_name(name, district_key, place):
    location = locate_place(name)

    assert (location.district.key, location.places) == (district_key, (place,))
    assert location.postal_code is None
    assert len(location.postal_codes) >= 1


def test_locate_place_marburg_knows_its_postal_codes():
    assert {"35037", "35039", "35041"} <= set(locate_place("Marburg").postal_codes)


def test_locate_place_unknown_name_raises_not_found():
    with pytest.raises(NotFound) as exc:
        locate_place("Atlantis")

    assert "Atlantis" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "district_key"),
    [("35037", "06534"), ("35037 Marburg", "06534"), ("Gießen", "06531"), ("10115", "11000")],
)
def test_resolve_location_takes_postal_code_or_place(text, district_key):
    assert resolve_location(text).district.key == district_key


@pytest.mark.parametrize(
    ("text", "error"),
    [("9999", InvalidInput), ("", InvalidInput), ("99999", NotFound), ("ABCDE", NotFound)],
)
def test_resolve_location_errors(text, error):
    with pytest.raises(error):
        resolve_location(text)


def test_resolve_location_in_english(settings):
    from django.utils import translation

    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        resolve_location("9999")

    assert "is not a valid postal code" in str(exc.value)
