import pytest

from ehrensache.agencies.models import Agency
from ehrensache.agencies.services import parse_postal_codes, update_agency
from ehrensache.core.errors import Forbidden, InvalidInput, NotFound
from ehrensache.regions.models import District
from tests.factories import NetworkMembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_agency_staff_updates_own_agency(agency, agency_staff):
    updated = update_agency(
        agency,
        changes={"opening_hours": "Di 9–12 Uhr", "languages": ["Deutsch"]},
        service_postal_codes=["35274"],
        actor=agency_staff,
    )

    assert (updated.opening_hours, updated.languages) == ("Di 9–12 Uhr", ["Deutsch"])
    assert list(updated.service_postal_codes.values_list("code", flat=True)) == ["35274"]


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "other_agency_staff"])
def test_others_cannot_update(agency, who, request):
    actor = request.getfixturevalue(who)

    with pytest.raises(Forbidden):
        update_agency(agency, changes={"city": "X"}, actor=actor)

    assert Agency.objects.get(pk=agency.pk).city == agency.city


def test_anonymous_cannot_update(agency):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Forbidden):
        update_agency(agency, changes={"city": "X"}, actor=AnonymousUser())


def test_agency_staff_cannot_change_name_or_kind(agency, agency_staff):
    with pytest.raises(Forbidden):
        update_agency(agency, changes={"name": "Neu"}, actor=agency_staff)


def test_network_staff_changes_name_and_service_districts(other_agency, network_staff):
    giessen = District.objects.get(key="06531")

    updated = update_agency(
        other_agency,
        changes={"name": "Freiwilligenzentrum Kassel (Demo, neu)"},
        service_districts=[other_agency.district, giessen],
        actor=network_staff,
    )

    assert updated.name == "Freiwilligenzentrum Kassel (Demo, neu)"
    assert set(updated.service_districts.values_list("key", flat=True)) == {"06611", "06531"}


def test_network_staff_of_hessen_cannot_update_berlin(berlin_agency, network_staff):
    with pytest.raises(Forbidden):
        update_agency(berlin_agency, changes={"city": "X"}, actor=network_staff)


def test_nationwide_network_staff_updates_berlin(berlin_agency):
    nationwide = NetworkMembershipFactory(state=None).user

    updated = update_agency(berlin_agency, changes={"city": "Berlin-Mitte"}, actor=nationwide)

    assert updated.city == "Berlin-Mitte"


def test_unknown_postal_code_changes_nothing(agency, agency_staff):
    with pytest.raises(NotFound):
        update_agency(agency, changes={"postal_code": "99999", "city": "X"}, actor=agency_staff)

    assert Agency.objects.get(pk=agency.pk).city == agency.city


def test_unknown_service_postal_code_is_refused(agency, agency_staff):
    with pytest.raises(InvalidInput) as exc:
        update_agency(agency, changes={}, service_postal_codes=["99999"], actor=agency_staff)

    assert exc.value.field == "service_postal_codes"


def test_parse_postal_codes():
    assert parse_postal_codes(" 35039,35037;35037 35041 ") == ["35037", "35039", "35041"]
    with pytest.raises(InvalidInput):
        parse_postal_codes("35037, 3503")


def test_the_operator_edits_agencies_in_the_django_admin_not_on_the_platform(agency):
    from tests.factories import UserFactory

    operator = UserFactory(is_superuser=True, is_staff=True)

    with pytest.raises(Forbidden):
        update_agency(agency, changes={"city": "X"}, actor=operator)

    assert Agency.objects.get(pk=agency.pk).city == agency.city


def test_unknown_fields_are_refused_with_a_message(agency, network_staff):
    with pytest.raises(InvalidInput):
        update_agency(agency, changes={"slug": "neu"}, actor=network_staff)
