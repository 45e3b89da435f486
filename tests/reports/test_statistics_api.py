"""Statistics API: each caller reads what their role may see, from ``Fact`` rows only; a
hidden cell is ``null`` with ``hidden: true`` (never its value); fixed query counts."""

import datetime as dt

import pytest

from ehrensache.reports.models import Fact, Level
from ehrensache.reports.rollup import roll_up
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    EngagementFactory,
    NetworkMembershipFactory,
    OpportunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

YEAR = 2026
MARBURG, KASSEL, FRANKFURT = "06534", "06611", "06412"
API = "/api/v1/statistics"


@pytest.fixture
def figures():
    marburg = OrganizationFactory(postal_code="35037")
    kassel = OrganizationFactory(postal_code="34117")
    frankfurt = OrganizationFactory(postal_code="60311")
    for organization, count in ((marburg, 12), (kassel, 2), (frankfurt, 8)):
        opportunity = OpportunityFactory(organization=organization, field="kultur")
        for _ in range(count):
            EngagementFactory(
                organization=organization,
                opportunity=opportunity,
                start=dt.date(YEAR, 2, 10),
                volunteer__password="!",
            )
    roll_up([YEAR], today=dt.date(YEAR, 12, 1))
    return {"marburg": marburg, "kassel": kassel}


def _cell(body, level, code, measure, period="Y"):
    (found,) = [
        f
        for f in body["figures"]
        if (f["level"], f["code"], f["measure"], f["period"]) == (level, code, measure, period)
    ]
    return found


def _no_hidden_value(body):
    for figure in body["figures"]:
        assert (figure["value"] is None) == figure["hidden"], figure
        assert figure["value"] is None or figure["value"] >= 5, figure


def test_public_overview_shows_germany_and_states_by_year_only(client, figures):
    response = client.get(f"{API}/overview", {"year": YEAR})

    assert response.status_code == 200
    body = response.json()
    assert {f["period"] for f in body["figures"]} == {"Y"}
    assert {f["level"] for f in body["figures"]} == {"country", "state"}
    assert _cell(body, "state", "06", "engagements_started")["value"] == 22
    _no_hidden_value(body)


def test_network_staff_read_their_state_by_district_with_hidden_cells_as_null(
    client, figures, django_assert_num_queries
):
    client.force_login(NetworkMembershipFactory(user__password="!").user)

    with django_assert_num_queries(9):
        body = client.get(f"{API}/states/06", {"year": YEAR, "field": "kultur"}).json()

    kassel = _cell(body, "district", KASSEL, "engagements_started")
    assert kassel == {**kassel, "value": None, "hidden": True}
    assert _cell(body, "district", FRANKFURT, "engagements_started")["hidden"]  # complementary
    assert _cell(body, "district", MARBURG, "engagements_started")["value"] == 12
    assert _cell(body, "state", "06", "engagements_started")["value"] == 22
    assert body["field"] == "kultur"
    _no_hidden_value(body)
    stored = Fact.objects.get(
        level=Level.DISTRICT,
        code=KASSEL,
        year=YEAR,
        period="Y",
        field="",
        measure="engagements_started",
    )
    assert stored.value is None
    assert client.get(f"{API}/states/DE").status_code == 403  # nationwide: not for Hessen
    assert client.get(f"{API}/states/11").status_code == 404  # Berlin: not theirs to see


def test_agency_staff_read_their_region_by_quarter_and_others_are_refused(client, figures):
    agency = AgencyFactory(district_key=MARBURG)
    client.force_login(AgencyMembershipFactory(agency=agency, user__password="!").user)

    body = client.get(f"{API}/agencies/{agency.pk}", {"year": YEAR}).json()

    assert {f["period"] for f in body["figures"]} == {"Y", "Q1", "Q2", "Q3", "Q4"}
    assert {f["code"] for f in body["figures"]} == {MARBURG}
    _no_hidden_value(body)
    other = AgencyFactory(district_key=KASSEL)
    assert client.get(f"{API}/agencies/{other.pk}").status_code == 403
    assert client.get(f"{API}/organizations/{figures['marburg'].pk}").status_code == 403
    assert client.get(f"{API}/states/06").status_code == 404
    client.logout()
    assert client.get(f"{API}/agencies/{agency.pk}").status_code == 401


def test_coordinators_read_their_organization_without_conversations(client, figures):
    organization = figures["marburg"]
    membership = OrganizationMembershipFactory(organization=organization, user__password="!")
    client.force_login(membership.user)

    body = client.get(f"{API}/organizations/{organization.pk}", {"year": YEAR}).json()

    assert _cell(body, "organization", str(organization.pk), "engagements_started")["value"] == 12
    assert "conversations" not in {m["key"] for m in body["measures"]}
    assert client.get(f"{API}/organizations/{figures['kassel'].pk}").status_code == 403
    response = client.get(f"{API}/organizations/{organization.pk}", {"year": 99999})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "year"
