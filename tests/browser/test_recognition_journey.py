"""Release from work for youth leaders in Chromium, axe on every page: a request beyond the
year's budget is refused with the days left, a smaller one is created with its letter.

(E-Card eligibility and the Engagementnachweis are part of the year-long journey in
``test_engagement_year.py``.)"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_courses_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_release_request_refused_beyond_budget(page, axe, organization, coordinator):
    from tests.factories import EngagementFactory, ReleaseRequestFactory

    leader = EngagementFactory(
        organization=organization, volunteer__display_name="Lena Leiterin"
    ).volunteer
    year = timezone.localdate().year + 1
    ReleaseRequestFactory(
        organization=organization,
        leader=leader,
        first_day=dt.date(year, 3, 1),
        last_day=dt.date(year, 3, 12),
        half_days=22,
    )
    login(page, coordinator)

    page.goto(f"{page.base_url}/einsatzstellen/{organization.slug}/freistellungen/")
    axe(page)
    page.get_by_label("Jugendleiterin / Jugendleiter").select_option(label="Lena Leiterin")
    page.locator("#id_event_title").fill("Zeltlager")
    page.get_by_label("Ort der Maßnahme").fill("Edersee")
    page.get_by_label("Erster Tag").fill(f"{year}-07-06")
    page.get_by_label("Letzter Tag").fill(f"{year}-07-10")
    page.get_by_label("Umfang in halben Arbeitstagen").fill("4")
    page.locator("#id_employer_name").fill("Beispiel GmbH")
    page.get_by_label("Anschrift des Arbeitgebers").fill("Musterweg 1\n35037 Marburg")
    with page.expect_navigation():
        page.get_by_role("button", name="Antrag anlegen").click()
    axe(page, context="release refused")
    expect(page.get_by_text("noch 1 von 12 Arbeitstagen").first).to_be_visible()
    expect(page.locator("#id_event_title")).to_have_value("Zeltlager")

    page.get_by_label("Umfang in halben Arbeitstagen").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Antrag anlegen").click()
    axe(page, context="release detail")
    expect(page.get_by_text("Der Freistellungsantrag ist angelegt.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Schreiben an den Arbeitgeber (PDF)").click()
    with open(download.value.path(), "rb") as letter:
        assert letter.read(4) == b"%PDF"
