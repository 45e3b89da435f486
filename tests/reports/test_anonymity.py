"""Anonymity of what the roll-up stores and the pages show, on a mixed random world:

- no stored shown figure is below 5, and a hidden figure is not even stored;
- over every measure's cube (all places, fields, periods: every page and switch a person can
  combine), no relation has exactly one hidden member and no hidden cell follows from the
  shown cells and all relations together (exact linear algebra);
- no page shows a person: names and e-mail addresses of the volunteers never appear;
- the pages' downloads (CSV, XLSX) hold the same: hidden cells "< 5" without any value.
"""

import datetime as dt
import io
import random

import openpyxl
import pytest
from django.urls import reverse

from ehrensache.reports.models import Fact
from ehrensache.reports.rollup import Places, cubes_of_year, equations, roll_up
from ehrensache.reports.suppression import determined
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
POSTAL_CODES = ["35037", "35039", "34117", "60311", "35390"]
FIELDS = ["kultur", "sport", "senioren"]


@pytest.fixture(scope="module")
def mixed_world(django_db_setup, django_db_blocker):
    """Built and rolled up once for the module (tests.db_world.module_world)."""
    with module_world(django_db_blocker):
        yield _build_mixed_world()


def _build_mixed_world():
    rng = random.Random(13)
    organizations = []
    for index, code in enumerate(POSTAL_CODES):
        organization = OrganizationFactory(postal_code=code, name=f"Verein {index}")
        opportunities = [OpportunityFactory(organization=organization, field=f) for f in FIELDS]
        organizations.append(organization)
        for number in range(rng.randint(1, 14)):
            engagement = EngagementFactory(
                organization=organization,
                opportunity=rng.choice(opportunities),
                start=dt.date(2026, rng.randint(1, 11), rng.randint(1, 28)),
                volunteer__password="!",
                volunteer__display_name=f"Vorname{index}x{number} Nachname",
                volunteer__email=f"person{index}x{number}@example.org",
            )
            if rng.random() < 0.6:
                HoursEntryFactory(
                    engagement=engagement,
                    date=engagement.start,
                    minutes=rng.randint(30, 600),
                    verified=True,
                )
    roll_up([2026], today=TODAY)
    return organizations


def test_no_shown_figure_below_five_and_hidden_ones_not_stored(mixed_world):
    assert not Fact.objects.filter(suppressed=False, value__lt=5).exists()
    assert not Fact.objects.filter(suppressed=True, value__isnull=False).exists()


def test_no_hidden_cell_can_be_recovered_from_any_combination_of_pages(mixed_world):
    hidden_by_measure = {}
    for level, code, field, period, measure in Fact.objects.filter(
        year=2026, suppressed=True
    ).values_list("level", "code", "field", "period", "measure"):
        hidden_by_measure.setdefault(measure, set()).add((level, code, field, period))
    cubes = cubes_of_year(2026, TODAY, Places.load())

    for measure, cube in cubes.items():
        if measure == "answer_days_median":
            continue
        relations = equations(cube)
        hidden = hidden_by_measure.get(measure, set())
        for total, parts in relations:
            members = [total, *parts]
            assert sum(1 for m in members if m in hidden) != 1, (measure, total)
        assert determined(relations, hidden) == set(), measure


def test_pages_show_no_person(mixed_world, client):
    agency = AgencyFactory(district_key="06534")
    pages = [
        (
            AgencyMembershipFactory(agency=agency, user__password="!").user,
            reverse("reports:agency", args=[agency.pk]),
        ),
        (NetworkMembershipFactory(user__password="!").user, reverse("reports:state", args=["06"])),
        (
            OrganizationMembershipFactory(organization=mixed_world[0], user__password="!").user,
            reverse("reports:organization", args=[mixed_world[0].pk]),
        ),
        (None, reverse("reports:overview")),
    ]
    for user, url in pages:
        if user:
            client.force_login(user)
        for query in ({}, {"feld": "kultur"}, {"zeitraum": "Q2"}):
            html = client.get(url, {"jahr": 2026, **query}).content.decode()
            assert "Nachname" not in html
            assert "@example.org" not in html
        _check_download(client, url)


def _check_download(client, url):
    """The page's download holds its tables: hidden cells "< 5" without a value, shown ones
    typed numbers of at least 5 (XLSX read back), no person."""
    shown = set(Fact.objects.filter(suppressed=False).values_list("value", flat=True))
    text = b"".join(
        client.get(url, {"jahr": 2026, "feld": "kultur", "export": "csv"}).streaming_content
    ).decode("utf-8-sig")
    assert text.startswith("Tabelle;Zeile;Spalte;Wert;Anzeige") and "< 5" in text
    assert "Nachname" not in text and "@example.org" not in text
    response = client.get(url, {"jahr": 2026, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows
    for _table, _row, _column, value, display in rows:
        assert (value is None) == (display == "< 5")
        assert value is None or (isinstance(value, int) and value >= 5 and value in shown)
