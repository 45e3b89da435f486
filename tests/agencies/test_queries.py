import pytest

from ehrensache.agencies.models import AgencyServicePostalCode
from ehrensache.agencies.queries import (
    agencies_for_location,
    directory,
    nearest_agencies,
    responsible_agencies,
)
from ehrensache.regions.models import District
from ehrensache.regions.queries import locate, locate_place
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_35037_finds_the_marburg_biedenkopf_agency(agency, other_agency):
    hits = responsible_agencies(locate("35037"))

    assert [h.agency for h in hits] == [agency]
    assert hits[0].responsible is True


def test_34117_finds_the_city_of_kassel_not_the_landkreis(other_agency):
    landkreis = AgencyFactory(name="Ehrenamtsagentur Landkreis Kassel (Demo)", district_key="06633")

    responsible = responsible_agencies(locate("34117"))
    nearest = nearest_agencies(locate("34117"), exclude=[h.agency.pk for h in responsible])

    assert [h.agency for h in responsible] == [other_agency]
    assert landkreis in [h.agency for h in nearest]


def test_60311_finds_frankfurt(frankfurt_agency, agency):
    hits = agencies_for_location(locate("60311"))

    assert [(h.agency, h.responsible) for h in hits] == [(frankfurt_agency, True), (agency, False)]
    assert 60 < hits[1].distance_km < 90  # Frankfurt–Marburg is about 75 km


def test_10115_finds_berlin_agency_and_nobody_from_hessen_as_near(berlin_agency, agency):
    hits = agencies_for_location(locate("10115"))

    assert [h.agency for h in hits] == [berlin_agency]
    assert hits[0].distance_km < 20


def test_10115_without_berlin_agency_lists_none_within_radius(agency):
    hits = agencies_for_location(locate("10115"))

    assert hits == []  # Marburg is about 390 km away: not "near"


def test_service_area_single_postal_code(agency, other_agency):
    AgencyServicePostalCode.objects.create(agency=other_agency, code="35037")

    hits = responsible_agencies(locate("35037"))

    assert {h.agency for h in hits} == {agency, other_agency}


def test_place_name_covers_all_its_postal_codes(agency, other_agency):
    AgencyServicePostalCode.objects.create(agency=other_agency, code="35039")

    hits = responsible_agencies(locate_place("Marburg"))

    assert {h.agency for h in hits} == {agency, other_agency}


def test_nearest_agencies_are_ordered_by_distance_with_km(agency, other_agency, frankfurt_agency):
    hits = nearest_agencies(locate("35390"), limit=3)  # Gießen

    assert [h.agency for h in hits] == [agency, frankfurt_agency, other_agency]
    assert [h.distance_label for h in hits] == [str(round(h.distance_km)) for h in hits]
    assert hits[0].distance_km < hits[1].distance_km < hits[2].distance_km


def test_nearest_agencies_respects_exclude_and_limit(agency, other_agency, frankfurt_agency):
    hits = nearest_agencies(locate("35390"), exclude=[agency.pk], limit=1)

    assert [h.agency for h in hits] == [frankfurt_agency]


@pytest.mark.parametrize("n", [1, 3])
def test_agencies_for_location_query_count_is_flat(n, django_assert_num_queries):
    AgencyFactory.create_batch(n, district_key="06534")
    AgencyFactory.create_batch(n, district_key="06531")
    location = locate("35037")

    with django_assert_num_queries(2):
        hits = agencies_for_location(location)

    assert len(hits) == 2 * n


def test_directory_filters_by_district_served_and_kind(agency, other_agency):
    network = AgencyFactory(
        name="Landesnetzwerk (Demo)", kind="landesnetzwerk", district_key="06414"
    )
    network.service_districts.add(District.objects.get(key="06534"))

    marburg = directory(district=District.objects.get(key="06534"))
    networks = directory(kind="landesnetzwerk")

    assert list(marburg) == [agency, network]
    assert list(networks) == [network]
