"""Verlauf: a coordinator moves an enquiry on; the volunteer sees under "Mein Konto → Verlauf"
who did it, the coordinator sees the enquiry's history on its page and on the full history
page. axe on every page, in German and English."""

import pytest
from playwright.sync_api import expect

from ehrensache.brokering import services as brokering
from tests.factories import PASSWORD, OpportunityFactory, OrganizationMembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, person):
    page.goto(page.base_url + "/konto/login/")
    page.locator("#id_login").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


@pytest.mark.parametrize("language", ["de", "en"])
def test_volunteer_and_coordinator_read_the_history(page, axe, language):
    coordinator = OrganizationMembershipFactory(
        user__email="clara@example.org", user__display_name="Clara Koordination"
    ).user
    opportunity = OpportunityFactory(
        organization=coordinator.organization_memberships.get().organization,
        title="Lesepatenschaft",
    )
    volunteer = UserFactory(email="ida@example.org", display_name="Ida Ehrenamt")
    interest, _created = brokering.express_interest(opportunity, volunteer=volunteer)
    brokering.change_interest_status(interest, status="in_contact", actor=coordinator)
    page.context.add_cookies(
        [{"name": "ehrensache_language", "value": language, "url": page.base_url}]
    )

    _log_in(page, volunteer)
    page.goto(page.base_url + "/konto/verlauf/")
    table = page.locator("main table")
    expect(table).to_contain_text("Clara Koordination")
    expect(table).to_contain_text("Lesepatenschaft")
    expect(table).to_contain_text("In Kontakt" if language == "de" else "In contact")
    axe(page, context=f"Mein Verlauf ({language})")

    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "ehrensache_language", "value": language, "url": page.base_url}]
    )
    _log_in(page, coordinator)
    page.goto(page.base_url + f"/anfragen/{interest.pk}/")
    expect(page.locator("#history-heading")).to_be_visible()
    axe(page, context=f"enquiry with history ({language})")

    page.goto(page.base_url + f"/verlauf/brokering.interest/{interest.pk}/")
    expect(page.locator("main table")).to_contain_text("Ida Ehrenamt")
    axe(page, context=f"full history ({language})")
