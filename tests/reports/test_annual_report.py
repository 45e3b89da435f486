"""An agency's annual report: its staff write the texts, the PDF carries texts and figures,
the ODS and XLSX the same data typed and defused; every figure is a shown ``Fact`` and every
hidden one "< 5", so no hidden value leaks; others are refused."""

import datetime as dt
import io
import re

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ehrensache.audit.models import LogEntry
from ehrensache.brokering.models import Conversation
from ehrensache.core.taxonomy import field_label
from ehrensache.reports.measures import MEASURES
from ehrensache.reports.models import AnnualReport, Fact, Level, RollUp
from ehrensache.reports.rollup import roll_up
from ehrensache.reports.spreadsheets import cell_value
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    EngagementFactory,
    HoursEntryFactory,
    NetworkMembershipFactory,
    OpportunityFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

YEAR = 2026
TODAY = dt.date(2026, 12, 1)
MARBURG = "06534"
FORMULA = '=HYPERLINK("https://example.org","Klick")'


@pytest.fixture
def agency_and_staff():
    agency = AgencyFactory(district_key=MARBURG, name="Freiwilligenagentur Jahresbericht")
    staff = AgencyMembershipFactory(agency=agency, user__password="!").user
    RollUp.objects.create(year=YEAR, finished_at=dt.datetime(YEAR, 12, 1, tzinfo=dt.UTC))
    return agency, staff


@pytest.fixture
def agency_world(agency_and_staff):
    agency, staff = agency_and_staff
    organization = OrganizationFactory(postal_code="35037")
    for field, count, month, minutes in (("kultur", 12, 2, 95), ("sport", 3, 8, 60)):
        opportunity = OpportunityFactory(organization=organization, field=field)
        for _ in range(count):
            engagement = EngagementFactory(
                organization=organization,
                opportunity=opportunity,
                start=dt.date(YEAR, month, 10),
                volunteer__password="!",
            )
            HoursEntryFactory(
                engagement=engagement, date=engagement.start, minutes=minutes, verified=True
            )
    for day in range(9):
        Conversation.objects.create(
            agency=agency,
            held_on=dt.date(YEAR, 3, day + 1),
            guest_name="Gast",
            interests=["kultur"],
            consent=True,
            consent_recorded_at=dt.datetime(YEAR, 3, 1, tzinfo=dt.UTC),
        )
    roll_up([YEAR], today=TODAY)
    return agency, staff


def _url(agency, name="annual_report", **kwargs):
    return reverse(f"reports:{name}", kwargs={"pk": agency.pk, "year": YEAR, **kwargs})


def _expected_cells():
    """(row label, column label) → what the report must show, from the stored facts."""
    labels = {m.key: str(m.label) for m in MEASURES}
    expected = {}
    for fact in Fact.objects.filter(level=Level.DISTRICT, code=MARBURG, year=YEAR):
        shown = fact.value if not fact.suppressed else "< 5"
        if fact.field == "" and fact.period in ("Q1", "Q2", "Q3", "Q4", "Y"):
            column = "Jahr" if fact.period == "Y" else fact.period
            expected[("quarters", labels[fact.measure], column)] = shown
        if fact.period == "Y":
            row = field_label(fact.field) if fact.field else "Alle Engagementfelder"
            expected[("fields", row, labels[fact.measure])] = shown
    return expected


def _check_sheets(book: tablib.Databook) -> int:
    """Every figure of every table sheet is the stored shown value, or "< 5" where the fact
    is hidden or missing; returns the number of hidden cells seen."""
    expected = _expected_cells()
    hidden = 0
    for sheet in book.sheets()[2:]:
        kind = "quarters" if sheet.headers[0] == "Kennzahl" else "fields"
        for row in sheet:
            for column, value in zip(sheet.headers[1:], row[1:], strict=True):
                want = expected.get((kind, row[0], column), "< 5")
                if want == "< 5":
                    assert value == "< 5", (sheet.title, row[0], column, value)
                    hidden += 1
                else:
                    assert value == want and value >= 5, (sheet.title, row[0], column, value)
    return hidden


def test_staff_write_the_texts_and_download_pdf_ods_and_xlsx(client, agency_world):
    agency, staff = agency_world
    client.force_login(staff)
    texts = {
        "foreword": "Ein Jahr voller Begegnungen in Marburg.",
        "highlights": FORMULA,
        "cooperation": "Gemeinsam mit der Stadt und 40 Vereinen.",
        "outlook": "",
    }

    page = client.get(_url(agency))
    assert page.status_code == 200
    assert _url(agency, "annual_report_download", fmt="pdf") in page.content.decode()
    response = client.post(_url(agency), texts)
    assert response.status_code == 302
    report = AnnualReport.objects.get(agency=agency, year=YEAR)
    assert report.highlights == FORMULA
    entry = LogEntry.objects.get(action="reports.annual_report.saved")
    assert entry.agency_id == agency.pk
    assert entry.data == {"year": YEAR, "sections": ["foreword", "highlights", "cooperation"]}

    pdf = client.get(_url(agency, "annual_report_download", fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    assert "Jahresbericht 2026 – Freiwilligenagentur Jahresbericht" in text
    assert texts["foreword"] in text and texts["cooperation"] in text and "HYPERLINK" in text
    assert "Ausblick" not in text  # an empty section is left out
    assert "Beratungsgespräche" in text and "< 5" in text
    verified_hours = Fact.objects.get(
        level=Level.DISTRICT,
        code=MARBURG,
        year=YEAR,
        period="Y",
        field="",
        measure="hours_verified",
    )
    assert re.search(rf"Bestätigte Stunden (< 5 ){{4}}{verified_hours.value}\b", text)
    # 19 verified hours in Q1 (kultur) are hidden beside the 3 of Q3: the value is nowhere
    assert not re.search(r"\b19\b", text)

    xlsx = client.get(_url(agency, "annual_report_download", fmt="xlsx"))
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(xlsx.content))
    formulas = [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    assert workbook.worksheets[1]["B3"].value == "'" + FORMULA
    overview = workbook.worksheets[0]
    assert overview["B3"].value == YEAR  # a number, not text
    assert isinstance(overview["B5"].value, dt.datetime)  # a date cell
    assert _check_sheets(tablib.Databook().load(xlsx.content, "xlsx")) > 0

    ods = client.get(_url(agency, "annual_report_download", fmt="ods"))
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    book = tablib.Databook().load(ods.content, "ods")
    assert book.sheets()[1][1][1] == "'" + FORMULA
    assert _check_sheets(book) > 0


def test_network_staff_read_the_texts_but_cannot_change_them(client, agency_and_staff):
    agency, _staff = agency_and_staff
    AnnualReport.objects.create(agency=agency, year=YEAR, foreword="Unser Vorwort")
    network = NetworkMembershipFactory(user__password="!").user
    client.force_login(network)

    page = client.get(_url(agency)).content.decode()

    assert "Unser Vorwort" in page and "<textarea" not in page
    assert client.post(_url(agency), {"foreword": "Fremd"}).status_code == 403
    assert AnnualReport.objects.get(agency=agency, year=YEAR).foreword == "Unser Vorwort"
    assert client.get(_url(agency, "annual_report_download", fmt="ods")).status_code == 200


def test_other_agencies_other_states_and_unknown_years_or_formats_are_refused(
    client, agency_and_staff
):
    agency, staff = agency_and_staff
    other = AgencyMembershipFactory(agency=AgencyFactory(district_key="06611")).user
    berlin = NetworkMembershipFactory(state=agency.district.state.__class__.objects.get(code="11"))
    client.force_login(other)
    assert client.get(_url(agency)).status_code == 403
    assert client.get(_url(agency, "annual_report_download", fmt="pdf")).status_code == 403
    client.force_login(berlin.user)
    assert client.get(_url(agency, "annual_report_download", fmt="xlsx")).status_code == 403

    client.force_login(staff)
    assert client.get(reverse("reports:annual_report", args=[agency.pk, 1999])).status_code == 404
    assert client.get(_url(agency, "annual_report_download", fmt="csv")).status_code == 404


def test_cells_keep_formulas_as_text_numbers_as_numbers_and_drop_control_characters():
    assert cell_value("=1+1") == "'=1+1"
    assert cell_value("@SUM(A1)") == "'@SUM(A1)"
    assert cell_value("Bild\x0bText") == "BildText"
    assert cell_value(-3) == -3
    assert cell_value(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
