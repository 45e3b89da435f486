"""Downloads of the coordinator's lists: engagements, hours, hours and allowances per year."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from ehrensache.engagements.models import AllowancePayment, Engagement
from tests.factories import EngagementFactory, HoursEntryFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _rows(response):
    if response["Content-Type"].startswith("text/csv"):
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _world(organization, n=1):
    for i in range(n):
        person = UserFactory(display_name=f"=HYPERLINK(1) {i}")
        e = EngagementFactory(organization=organization, volunteer=person, role="@Vorlesen")
        HoursEntryFactory(engagement=e, minutes=90, verified=True)
        HoursEntryFactory(engagement=e, minutes=30)
        AllowancePayment.objects.create(
            engagement=e,
            kind="ehrenamt",
            activity="x",
            amount_cents=12050,
            paid_on=e.start,
            year=2025,
            legal_basis="§ 3 Nr. 26a EStG",
        )
    EngagementFactory(organization=organization, status=Engagement.Status.ENDED)


@pytest.mark.parametrize("n", [1, 3])
def test_engagements_export_keeps_filter_types_and_query_count(
    client, coordinator, organization, n, django_assert_num_queries
):
    _world(organization, n)
    client.force_login(coordinator)
    url = reverse("engagements:manage") + "?status=active&seite=2&export=xlsx"
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="engagements-')
    rows = _rows(response)
    assert rows[0][:3] == ["Person", "E-Mail", "Einsatzstelle"]
    assert len(rows) == 1 + n  # the ended engagement is filtered out, all pages exported
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][3] == "'@Vorlesen"
    assert rows[1][5].year == 2025 and rows[1][10] == 1  # a date cell, a number cell


def test_hours_export_with_state_and_year(client, coordinator, organization):
    _world(organization)
    client.force_login(coordinator)
    url = reverse("engagements:verify")
    page = client.get(url, {"stand": "alle"})
    assert len(page.context["page_obj"]) == 2 and b"export=ods" in page.content
    rows = _rows(client.get(url, {"stand": "alle", "jahr": "2025", "export": "csv"}))
    assert [r[5:7] for r in rows[1:]] == [["1,50", "bestätigt"], ["0,50", "offen"]]
    assert rows[1][0] == "01.03.2025"
    assert len(_rows(client.get(url, {"export": "csv"}))) == 2  # the page's default: open
    assert len(_rows(client.get(url, {"stand": "alle", "jahr": "2024", "export": "csv"}))) == 1


def test_books_per_person_and_year_with_allowance_limits(
    client, coordinator, organization, django_assert_num_queries
):
    _world(organization, 2)
    client.force_login(coordinator)
    url = reverse("engagements:books")
    with django_assert_num_queries(12):
        page = client.get(url, {"jahr": "2025"})
    assert len(page.context["rows"]) == 2
    response = client.get(url, {"jahr": "2025", "export": "xlsx"})
    assert "stunden-und-pauschalen-" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][3:6] == ["Stunden bestätigt", "Stunden offen", "Ehrenamtspauschale gezahlt (€)"]
    assert rows[1][2:7] == [2025, 1.5, 0.5, 120.5, 0]
    assert rows[1][7] == float(Decimal(page.context["ehrenamt_limit"]) / 100) > 0
    assert client.get(url, {"jahr": "99999"}).context["year"] > 2000  # not offered: this year


@pytest.mark.parametrize("who", ["volunteer", "agency_staff", "other_coordinator"])
def test_other_roles_get_no_download(client, organization, who, request):
    _world(organization)
    client.force_login(request.getfixturevalue(who))
    for name in ("engagements:manage", "engagements:verify", "engagements:books"):
        response = client.get(reverse(name), {"export": "csv", "stand": "alle"})
        if who == "other_coordinator":  # their own (empty) lists, never this organization's
            assert response.status_code == 200
            assert "HYPERLINK" not in b"".join(response.streaming_content).decode()
        else:
            assert response.status_code == 403
    if who == "other_coordinator":
        response = client.get(
            reverse("engagements:books"), {"einsatzstelle": organization.pk, "export": "csv"}
        )
        assert response.status_code in (403, 404)
