"""A coordinator downloads the lists they work with: the download links are plain links on
each page (axe on every page), the XLSX arrives typed and with the page's filter."""

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.browser.test_courses_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_downloads_lists_and_books(page, axe, coordinator, organization):
    from ehrensache.engagements.models import AllowancePayment
    from tests.factories import EngagementFactory, HoursEntryFactory, UserFactory

    year = date.today().year
    engagement = EngagementFactory(
        organization=organization,
        volunteer=UserFactory(display_name="=Berta"),
        start=date(year, 1, 2),
    )
    HoursEntryFactory(engagement=engagement, date=date(year, 2, 1), minutes=90, verified=True)
    HoursEntryFactory(engagement=engagement, date=date(year, 2, 2), minutes=60)
    AllowancePayment.objects.create(
        engagement=engagement, kind="ehrenamt", activity="Vorlesen", amount_cents=5000,
        paid_on=date(year, 3, 1), year=year, legal_basis="§ 3 Nr. 26a EStG",
    )  # fmt: skip
    login(page, coordinator)
    for path in ("/koordination/engagements/", "/eingang/", "/engagement/verwalten/"):
        page.goto(page.base_url + path)
        axe(page, context=path)
        assert page.get_by_role("link", name="XLSX herunterladen").first.is_visible()

    page.goto(page.base_url + "/koordination/stunden/")
    page.get_by_label("Stand").select_option("alle")
    with page.expect_navigation():
        page.get_by_role("button", name="Filtern").click()
    axe(page, context="hours, all")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX herunterladen").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[1], r[5], r[6]) for r in rows] == [
        ("'=Berta", 1.5, "bestätigt"),
        ("'=Berta", 1, "offen"),
    ]

    page.goto(page.base_url + "/koordination/engagements/")
    page.get_by_role("link", name="Stunden und Pauschalen je Person und Jahr").click()
    axe(page, context="books")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV herunterladen").click()
    assert download.value.suggested_filename.startswith("stunden-und-pauschalen-")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert f"'=Berta;{engagement.volunteer.email};{year};1,50;1,00;50,00;0,00;" in text
