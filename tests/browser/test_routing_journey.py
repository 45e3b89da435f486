"""Nobody's message is lost, in Chromium with axe: a volunteer's interest in an organization
without coordinators reaches the agency and the page says so; the agency sees it and invites
a coordinator; the notification settings page."""

import pytest

from tests.browser.test_courses_journey import login
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_interest_reaches_the_agency_and_the_page_says_so(
    page, axe, agency, agency_staff, volunteer
):
    organization = OrganizationFactory(
        name="Stadtteilgarten (Test)", postal_code="35037", responsible_agency=agency
    )
    opportunity = OpportunityFactory(organization=organization, title="Beete gießen")

    login(page, volunteer)
    page.goto(f"{page.base_url}/interesse/{opportunity.pk}/")
    axe(page, context="interest form")
    page.get_by_role("button", name="Ich habe Interesse").click()
    expected = f"Ihre Nachricht ist bei der {agency.name}, weil die Einsatzstelle noch niemanden"
    page.get_by_text(expected).first.wait_for()
    axe(page, context="interest page")
    page.goto(f"{page.base_url}/meine-anfragen/")
    assert page.get_by_text(expected).is_visible()
    axe(page, context="my interests")

    login(page, agency_staff)
    page.goto(f"{page.base_url}/beratung/anfragen-ohne-koordination/")
    axe(page, context="routed interests")
    page.get_by_role("link", name="Beete gießen").click()
    page.get_by_role("button", name="Status speichern").wait_for()
    axe(page, context="interest as agency")
    page.goto(f"{page.base_url}/einsatzstellen/ohne-koordination/")
    axe(page, context="organizations without coordinator")
    page.get_by_role("link", name="Koordinator*in einladen").click()
    axe(page, context="invite coordinator")
    page.get_by_label("E-Mail-Adresse der künftigen Koordination").fill("neu@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Einladung senden").click()
    assert page.get_by_text("Die Einladung an neu@example.org ist verschickt.").is_visible()


@pytest.mark.parametrize("width", [1280, 375])
def test_notification_settings_page(page, axe, volunteer, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, volunteer)
    page.goto(f"{page.base_url}/konto/benachrichtigungen/")
    axe(page, context=f"preferences {width}")
    page.get_by_role("group", name="Erinnerung an meine Dienste").get_by_label(
        "Einmal täglich gesammelt"
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("Ihre Einstellungen sind gespeichert.").is_visible()
    axe(page, context=f"preferences saved {width}")
