import pytest

from tests.factories import AgencyFactory, AgencyMembershipFactory


@pytest.fixture
def frankfurt_agency(db):
    return AgencyFactory(name="BüroAktiv Frankfurt (Demo)", district_key="06412")


@pytest.fixture
def berlin_agency(db):
    return AgencyFactory(name="Freiwilligenagentur Berlin (Demo)", district_key="11000")


@pytest.fixture
def other_agency_staff(other_agency):
    return AgencyMembershipFactory(agency=other_agency, user__email="kassel@example.org").user
