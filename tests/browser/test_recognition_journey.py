"""Recognition in Chromium, axe on every page: a release request refused beyond the budget,
E-Card eligibility with its reason, an Engagementnachweis requested, issued and checked."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from tests.browser.test_courses_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rules(regions):
    """Transactional tests flush the rows the data migration seeded; seed them again."""
    importlib.import_module("ehrensache.recognition.migrations.0002_seed_rules").seed(apps, None)


def test_release_request_refused_beyond_budget(page, axe, rules, organization, coordinator):
    from tests.recognition.factories import EngagementFactory, ReleaseRequestFactory

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
    page.get_by_role("button", name="Antrag anlegen").click()

    assert page.get_by_text("noch 1 von 12 Arbeitstagen").first.is_visible()
    axe(page, context="release refused")
    page.get_by_label("Umfang in halben Arbeitstagen").fill("2")
    page.get_by_role("button", name="Antrag anlegen").click()
    assert page.get_by_text("Der Freistellungsantrag ist angelegt.").is_visible()
    axe(page, context="release detail")
    letter = page.request.get(
        page.base_url
        + page.get_by_role("link", name="Schreiben an den Arbeitgeber (PDF)").get_attribute("href")
    )
    assert letter.body().startswith(b"%PDF")


def test_ecard_eligibility_and_engagementnachweis(
    page, axe, rules, organization, coordinator, volunteer
):
    from ehrensache.recognition.eligibility import add_months
    from tests.recognition.factories import EngagementFactory, profile, weekly_hours

    start = add_months(timezone.localdate(), -21)
    engagement = EngagementFactory(
        volunteer=volunteer, organization=organization, start=start, role="Lesepatin"
    )
    weekly_hours(engagement, start=start, weeks=90, minutes_per_week=6 * 60)
    profile(volunteer, district_key="06534")

    login(page, volunteer)
    page.goto(f"{page.base_url}/anerkennung/")
    axe(page)
    assert page.get_by_text("noch 3 Monate bis 2 Jahre").is_visible()
    page.locator("#id_engagement").select_option(label=f"Lesepatin – {organization.name}")
    page.get_by_role("button", name="Nachweis anfragen").click()
    assert page.get_by_text("Ihre Anfrage ist bei der Einsatzstelle.").is_visible()
    axe(page, context="proof requested")

    login(page, coordinator)
    page.goto(f"{page.base_url}/einsatzstellen/{organization.slug}/nachweise/")
    axe(page)
    page.get_by_role("button", name="Ausstellen und unterzeichnen").click()
    assert page.get_by_text("Der Engagementnachweis ist ausgestellt.").is_visible()
    axe(page, context="proof issued")
    pdf = page.request.get(
        page.base_url + page.get_by_role("link", name="PDF").get_attribute("href")
    )
    assert pdf.body().startswith(b"%PDF")

    code = engagement.proofs.get().verification_code
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/nachweis/pruefen/")
    axe(page)
    page.get_by_label("Prüfcode").fill(code)
    page.get_by_role("button", name="Prüfen").click()
    assert page.get_by_text(f"bei {organization.name} engagiert").is_visible()
    axe(page, context="check page")
