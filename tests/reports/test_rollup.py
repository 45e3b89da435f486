"""The roll-up: figures per district, state and Germany; hidden cells not even stored;
idempotent; pages read a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from ehrensache.brokering.models import Conversation
from ehrensache.engagements.models import Engagement
from ehrensache.reports.models import Fact, Level
from ehrensache.reports.rollup import roll_up
from tests.db_world import module_world
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    EngagementFactory,
    HoursEntryFactory,
    NetworkMembershipFactory,
    OpportunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2026, 12, 1)
MARBURG, KASSEL = "06534", "06611"


def _engagements(organization, count, *, start=dt.date(2026, 2, 10), field="kultur"):
    opportunity = OpportunityFactory(organization=organization, field=field)
    return [
        EngagementFactory(
            organization=organization, opportunity=opportunity, start=start, volunteer__password="!"
        )
        for _ in range(count)
    ]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module (tests.db_world.module_world); tests change it in savepoints."""
    with module_world(django_db_blocker):
        yield _build_world()


def _build_world():
    marburg = OrganizationFactory(postal_code="35037")
    kassel = OrganizationFactory(postal_code="34117")
    frankfurt = OrganizationFactory(postal_code="60311")
    _engagements(marburg, 12)
    _engagements(kassel, 2)
    _engagements(frankfurt, 8)
    return {"marburg": marburg, "kassel": kassel, "frankfurt": frankfurt}


def _fact(level, code, measure, *, period="Y", field="", year=2026):
    return Fact.objects.get(
        level=level, code=code, measure=measure, period=period, field=field, year=year
    )


def test_roll_up_counts_per_district_state_and_country(world):
    roll_up([2026], today=TODAY)

    assert _fact(Level.DISTRICT, MARBURG, "engagements_started").value == 12
    assert _fact(Level.DISTRICT, MARBURG, "engagements_started", field="kultur").value == 12
    assert _fact(Level.DISTRICT, MARBURG, "engagements_started", period="Q1").value == 12
    assert _fact(Level.STATE, "06", "engagements_started").value == 22
    assert _fact(Level.COUNTRY, "DE", "engagements_started").value == 22
    assert _fact(Level.DISTRICT, "06412", "engagements_started").suppressed  # Kassel's partner
    assert _fact(Level.ORGANIZATION, str(world["marburg"].pk), "engagements_started").value == 12


def test_a_small_district_is_hidden_and_not_even_stored(world):
    roll_up([2026], today=TODAY)

    small = _fact(Level.DISTRICT, KASSEL, "engagements_started")
    assert (small.suppressed, small.value) == (True, None)
    assert not Fact.objects.filter(suppressed=False, value__lt=5).exists()


def test_the_state_total_does_not_give_the_small_district_away(world):
    """State 22 = Marburg 12 + Kassel 2 + Frankfurt 8: with both others shown, Kassel would
    follow, so the smaller one (Frankfurt) is hidden too."""
    roll_up([2026], today=TODAY)

    hidden = set(
        Fact.objects.filter(
            measure="engagements_started", period="Y", field="", suppressed=True
        ).values_list("level", "code")
    )
    assert hidden == {
        (Level.DISTRICT, KASSEL),
        (Level.DISTRICT, "06412"),
        (Level.ORGANIZATION, str(world["kassel"].pk)),
        (Level.ORGANIZATION, str(world["frankfurt"].pk)),
    }


def test_roll_up_twice_gives_the_same_rows(world):
    roll_up([2026], today=TODAY)
    first = sorted(Fact.objects.values_list("level", "code", "field", "period", "measure", "value"))

    roll_up([2026], today=TODAY)

    assert (
        sorted(Fact.objects.values_list("level", "code", "field", "period", "measure", "value"))
        == first
    )


def test_roll_up_reads_one_grouped_query_per_source(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        roll_up([2026], today=TODAY)


def test_hours_conversations_and_active_volunteers(world):
    engagements = Engagement.objects.filter(organization=world["marburg"])
    for engagement in engagements:
        HoursEntryFactory(
            engagement=engagement, date=dt.date(2026, 5, 3), minutes=60, verified=True
        )
    agency = AgencyFactory(district_key=MARBURG)
    for day in range(7):
        Conversation.objects.create(
            agency=agency,
            held_on=dt.date(2026, 3, day + 1),
            guest_name="Gast",
            interests=["kultur"],
            consent=True,
            consent_recorded_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        )

    roll_up([2026], today=TODAY)

    assert _fact(Level.DISTRICT, MARBURG, "hours_verified").value == 12
    assert _fact(Level.DISTRICT, MARBURG, "conversations", field="kultur").value == 7
    assert _fact(Level.DISTRICT, MARBURG, "active_volunteers", period="M05").value == 12


def _numbers(html):
    """Every figure shown in table cells."""
    return [int(n.replace(".", "")) for n in re.findall(r"report-table__number\">([\d.]+)<", html)]


def test_agency_page_shows_its_district_and_no_figure_below_five(
    world, client, django_assert_num_queries
):
    roll_up([2026], today=TODAY)
    staff = AgencyMembershipFactory(
        agency=AgencyFactory(district_key=MARBURG), user__password="!"
    ).user
    client.force_login(staff)
    url = reverse("reports:agency", args=[staff.agency_memberships.get().agency_id])

    with django_assert_num_queries(10):
        response = client.get(url, {"jahr": 2026})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Marburg-Biedenkopf" in html
    assert all(n >= 5 for n in _numbers(html))
    assert '<svg role="img" aria-labelledby="chart-1-title chart-1-desc"' in html


@pytest.mark.parametrize("districts", [1, 3])
def test_state_page_queries_do_not_grow_with_districts(
    client, districts, django_assert_num_queries
):
    for key in [MARBURG, KASSEL, "06412"][:districts]:
        _engagements(
            OrganizationFactory(
                postal_code={"06534": "35037", "06611": "34117", "06412": "60311"}[key]
            ),
            6,
        )
    roll_up([2026], today=TODAY)
    client.force_login(NetworkMembershipFactory(user__password="!").user)

    with django_assert_num_queries(10):
        response = client.get(reverse("reports:state", args=["06"]), {"jahr": 2026})

    html = response.content.decode()
    assert "&lt; 5" in html
    assert all(n >= 5 for n in _numbers(html))


def test_organization_page_for_its_coordinator(world, client):
    roll_up([2026], today=TODAY)
    coordinator = OrganizationMembershipFactory(
        organization=world["marburg"], user__password="!"
    ).user
    client.force_login(coordinator)

    response = client.get(
        reverse("reports:organization", args=[world["marburg"].pk]), {"jahr": "2026"}
    )

    assert response.status_code == 200
    assert 12 in _numbers(response.content.decode())


def test_public_overview_and_bad_input_fall_back(world, client):
    roll_up([2026], today=TODAY)

    response = client.get(
        reverse("reports:overview"), {"jahr": "abc", "feld": "<script>", "kennzahl": "x"}
    )

    assert response.status_code == 200
    assert all(n >= 5 for n in _numbers(response.content.decode()))
