"""The statistics journey of issue 13 (first part) in Chromium, axe on every page:
agency staff open their region's figures from the header and switch year and field, write the
annual report's foreword and download it as PDF and XLSX; network
staff see the state's districts, where a small district shows "< 5" and the state's total
does not give it away (its partner cell is hidden too)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_courses_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _engagements(postal_code, count, year):
    from tests.factories import EngagementFactory, OpportunityFactory, OrganizationFactory

    organization = OrganizationFactory(postal_code=postal_code)
    opportunity = OpportunityFactory(organization=organization, field="kultur")
    for index in range(count):
        EngagementFactory(
            organization=organization,
            opportunity=opportunity,
            start=dt.date(year, 1 + index % 3, 1 + index),
            volunteer__password="!",
        )


def _row_cells(page, caption_start, row_name):
    table = page.locator("table", has=page.locator("caption", has_text=caption_start)).first
    row = table.locator("tr", has=page.get_by_role("rowheader", name=row_name, exact=True))
    return row.locator("td")


def test_agency_and_network_staff_read_their_figures(page, axe, live_server):
    from ehrensache.reports.rollup import roll_up
    from tests.factories import AgencyFactory, AgencyMembershipFactory, NetworkMembershipFactory

    this_year = timezone.localdate().year
    _engagements("35037", 12, this_year)  # Marburg-Biedenkopf
    _engagements("35037", 7, this_year - 1)
    _engagements("60311", 8, this_year)  # Frankfurt am Main
    _engagements("34117", 2, this_year)  # Kassel: a small district
    roll_up([this_year - 1, this_year])
    agency = AgencyFactory(name="Freiwilligenagentur Marburg", district_key="06534")
    staff = AgencyMembershipFactory(agency=agency, user__password="!").user

    login(page, staff)
    page.goto(live_server.url + reverse("workspaces:agency", args=[agency.pk]))
    page.get_by_role("navigation", name="Mein Arbeitsplatz").get_by_role(
        "link", name="Statistik"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Freiwilligenagentur Marburg")
    axe(page, context="agency statistics")
    started = _row_cells(page, "Engagement –", "Engagements begonnen")
    expect(started.last).to_have_text("12")  # the year column
    expect(page.locator("svg[role=img] title").first).to_contain_text("Marburg-Biedenkopf")

    page.get_by_label("Jahr", exact=True).select_option(str(this_year - 1))
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(f"jahr={this_year - 1}"))
    expect(_row_cells(page, "Engagement –", "Engagements begonnen").last).to_have_text("7")
    page.get_by_label("Engagementfeld", exact=True).select_option("kultur")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("caption").first).to_contain_text("Kultur")
    axe(page, context="agency statistics, last year, one field")

    # The annual report of that year: write the foreword, download the PDF and the XLSX.
    page.get_by_role("link", name=re.compile(f"Jahresbericht {this_year - 1}")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Jahresbericht {this_year - 1}")
    page.get_by_label("Vorwort").fill("Ein gutes Jahr für das Engagement.")
    with page.expect_navigation():
        page.get_by_role("button", name="Texte speichern").click()
    expect(page.get_by_label("Vorwort")).to_have_value("Ein gutes Jahr für das Engagement.")
    axe(page, context="annual report")
    for name, suffix in (
        ("Jahresbericht als PDF", ".pdf"),
        ("Zahlen und Texte als XLSX (Excel)", ".xlsx"),
    ):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        assert download.value.suggested_filename.endswith(suffix)

    network = NetworkMembershipFactory(user__password="!").user
    login(page, network)
    page.goto(live_server.url + reverse("reports:state", args=["06"]))
    axe(page, context="state statistics")
    kassel = _row_cells(page, "Engagement –", "Kassel (kreisfreie Stadt)")
    frankfurt = _row_cells(page, "Engagement –", "Frankfurt am Main (kreisfreie Stadt)")
    marburg = _row_cells(page, "Engagement –", "Landkreis Marburg-Biedenkopf")
    hessen = _row_cells(page, "Engagement –", "Hessen")
    expect(kassel.first).to_have_text("< 5")
    expect(frankfurt.first).to_have_text("< 5")  # hidden too: else 22 − 12 − 8 = Kassel
    expect(marburg.first).to_have_text("12")
    expect(hessen.first).to_have_text("22")
    page.locator("summary", has_text="als Tabelle").click()
    axe(page, context="state statistics, chart table open")
