import csv
from pathlib import Path

import pytest

from ehrensache.core.text import fold
from ehrensache.regions.importer import (
    DEFAULT_CSV,
    clean_district_name,
    import_postal_codes,
    is_large_customer,
)
from ehrensache.regions.models import District, Place, PostalCode

pytestmark = [pytest.mark.unit]

SMALL_CSV = Path(__file__).parent / "fixtures" / "postal_codes_small.csv"


@pytest.mark.parametrize(
    "name",
    [
        "Sanofi-Aventis Deutschland GmbH",
        "Deutsche Post AG Briefzentrum Bautzen",
        "Finanzamt Gießen",
        "Amtsgericht Kassel",
        "Philipps-Universität",
        "Agentur für Arbeit Stuttgart",
        "Hessischer Rundfunk",
        "Familienkasse Nord",
        "Stadtverwaltung Maintal",
        "hkk",
        "Zweigart & Sawitzki",
        "R+V Versicherung",
        "Landesbetrieb Hessisches Landeslabor",
        "Frischdienst 2000",
        "HUK24",
    ],
)
def test_is_large_customer_flags_companies_and_authorities(name):
    assert is_large_customer(name) is True


@pytest.mark.parametrize(
    "name",
    [
        "Marburg",
        "Frankfurt am Main",
        "Freigericht",
        "Linsengericht",
        "Maikammer",
        "Hohenkammer",
        "Amt Neuhaus",
        "Halle (Saale)",
        "Bad Homburg v.d. Höhe",
        "Kloster Lehnin",
        "Limburg an der Lahn",
        "Hamburg Sankt Georg",
    ],
)
def test_is_large_customer_leaves_real_places_alone(name):
    assert is_large_customer(name) is False


def test_no_district_seat_or_city_in_the_data_is_flagged():
    """Every district's own name (the seat of a kreisfreie Stadt, the Landkreis name) is a
    real place; none of them may look like a company."""
    with open(DEFAULT_CSV, encoding="utf-8") as fh:
        names = {clean_district_name(row["community"]) for row in csv.DictReader(fh)}
    # "Regionalverband Saarbrücken" is an association of municipalities, its seat is the place.
    names = {n.removeprefix("Regionalverband ").removeprefix("Städteregion ") for n in names}

    flagged = sorted(n for n in names if n and is_large_customer(n))

    assert flagged == []


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Landkreis Gießen", "Gießen"),
        ("Kassel, documenta-Stadt", "Kassel"),
        ("Kreisfreie Stadt Darmstadt", "Darmstadt"),
        ("Frankfurt am Main, Stadt", "Frankfurt am Main"),
    ],
)
def test_clean_district_name(raw, clean):
    assert clean_district_name(raw) == clean


@pytest.mark.integration
@pytest.mark.django_db
def test_import_small_csv_creates_regions_then_nothing_on_second_run():
    first = import_postal_codes(SMALL_CSV)
    counts = (District.objects.count(), Place.objects.count(), PostalCode.objects.count())

    second = import_postal_codes(SMALL_CSV)

    assert first.created > 0
    assert second.created == 0
    assert (District.objects.count(), Place.objects.count(), PostalCode.objects.count()) == counts
    assert first.skipped == 1
    assert first.large_customer_codes == 2


@pytest.mark.integration
@pytest.mark.django_db
def test_import_small_csv_stores_clean_names_kinds_and_flags():
    import_postal_codes(SMALL_CSV)

    saarbruecken = District.objects.get(key="10041")
    merzig = District.objects.get(key="10042")
    flagged = PostalCode.objects.get(code="66088")

    assert (saarbruecken.name, saarbruecken.kind) == (
        "Regionalverband Saarbrücken",
        District.Kind.REGIONALVERBAND,
    )
    assert (merzig.name, merzig.kind, merzig.state.name) == (
        "Merzig-Wadern",
        District.Kind.LANDKREIS,
        "Saarland",
    )
    assert flagged.is_large_customer is True
    assert PostalCode.objects.get(code="66663").is_large_customer is False
    assert Place.objects.get(name="Losheim am See").search_name == fold("Losheim am See")


@pytest.mark.integration
@pytest.mark.django_db
def test_test_database_has_the_26_hessian_districts():
    keys = set(District.objects.filter(state__code="06").values_list("key", flat=True))

    assert len(keys) == 26
    assert District.objects.get(key="06611").kind == District.Kind.KREISFREIE_STADT
    assert District.objects.get(key="06633").label == "Landkreis Kassel"
