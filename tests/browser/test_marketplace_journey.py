"""The marketplace journey end to end: search, sign up, "Ich habe Interesse", the coordinator
agrees a first meeting, the volunteer sees it; an agency counsels a guest and refers them, and
the organization sees the referral marked as such. axe on every page visited."""

import re

import pytest
from django.core import mail

from tests.factories import (
    AgencyMembershipFactory,
    OpportunityFactory,
    OrganizationMembershipFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, axe, email, password):
    page.goto(page.base_url + "/konto/login/")
    axe(page)
    page.get_by_label("E-Mail").first.fill(email)
    page.get_by_label("Passwort").first.fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/arbeitsplatz/.+/$"))


def test_marketplace_journey(page, browser, axe, regions, organization, agency, password):
    coordinator = OrganizationMembershipFactory(
        organization=organization, user__email="coordinator@example.org"
    ).user
    staff = AgencyMembershipFactory(agency=agency, user__email="agency@example.org").user
    opportunity = OpportunityFactory(
        organization=organization, title="Hausaufgabenhilfe für Grundschulkinder"
    )

    # A new person searches near 35037 and opens the result.
    page.goto(page.base_url + "/suche/")
    axe(page)
    page.locator("#search-form [name=q]").fill("Hausaufgabenhilfe")
    page.locator("#search-form [name=where]").fill("35037")
    page.locator("#search-form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"q=Hausaufgabenhilfe"))
    axe(page)
    page.get_by_role("link", name=opportunity.title).first.click()
    page.wait_for_url(re.compile(rf"/engagement/{opportunity.pk}-"))
    axe(page)

    # Signs up (the interest box links there), confirms the e-mail, signs in.
    page.get_by_role("link", name="Jetzt registrieren").click()
    axe(page)
    page.get_by_label("E-Mail").first.fill("neu@example.org")
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/konto/confirm-email/$"))
    axe(page)
    confirm_url = re.search(r"http://\S+/konto/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(confirm_url)
    axe(page)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/konto/login/"))
    page.get_by_label("E-Mail").first.fill("neu@example.org")
    page.get_by_label("Passwort").first.fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/arbeitsplatz/|/interesse/"))

    # "Ich habe Interesse" on the opportunity page.
    page.goto(page.base_url + opportunity.get_absolute_url())
    axe(page)
    page.get_by_label("Kurze Nachricht an die Einsatzstelle").fill("Ich habe dienstags Zeit.")
    page.get_by_role("button", name="Ich habe Interesse").click()
    page.wait_for_url(re.compile(r"/anfragen/\d+/$"))
    axe(page)
    assert page.locator("#interest-status").inner_text().startswith("Neu")
    volunteer_page = page

    # The coordinator signs in, sees it, agrees a first meeting.
    coordinator_context = browser.new_context(locale="de-DE")
    coordinator_page = coordinator_context.new_page()
    coordinator_page.base_url = page.base_url
    _login(coordinator_page, axe, coordinator.email, password)
    coordinator_page.goto(page.base_url + "/eingang/")
    axe(coordinator_page)
    coordinator_page.get_by_role("link", name="neu@example.org").click()
    axe(coordinator_page)
    coordinator_page.get_by_label("Erstgespräch vereinbart").check()
    coordinator_page.get_by_role("button", name="Status speichern").click()
    coordinator_page.wait_for_url(re.compile(r"/anfragen/\d+/$"))
    axe(coordinator_page)
    assert "Erstgespräch vereinbart" in coordinator_page.locator("#interest-status").inner_text()

    # The volunteer sees the new state.
    volunteer_page.goto(page.base_url + "/meine-anfragen/")
    axe(volunteer_page)
    row = volunteer_page.get_by_role("row", name=re.compile(opportunity.title))
    assert "Erstgespräch vereinbart" in row.inner_text()

    # An agency records a conversation and refers the guest.
    agency_context = browser.new_context(locale="de-DE")
    agency_page = agency_context.new_page()
    agency_page.base_url = page.base_url
    _login(agency_page, axe, staff.email, password)
    agency_page.goto(page.base_url + "/beratung/")
    axe(agency_page)
    agency_page.get_by_role("link", name="Gespräch erfassen").first.click()
    axe(agency_page)
    agency_page.get_by_label("Name der Person").fill("Gerda Gast")
    agency_page.get_by_label("Postleitzahl des Wohnorts").fill("35037")
    agency_page.get_by_label("Die Person ist einverstanden").check()
    agency_page.get_by_label("Bildung & Lernhilfe").check()
    agency_page.get_by_role("button", name="Gespräch speichern").click()
    agency_page.wait_for_url(re.compile(r"/beratung/gespraeche/\d+/$"))
    axe(agency_page)
    agency_page.get_by_role("button", name=f"An „{opportunity.title}“ vermitteln").click()
    agency_page.wait_for_url(re.compile(r"/beratung/gespraeche/\d+/$"))
    axe(agency_page)
    agency_page.goto(page.base_url + "/beratung/vermittlungen/")
    axe(agency_page)
    assert "Gerda Gast" in agency_page.locator("main").inner_text()

    # The organization sees the referral marked as such.
    coordinator_page.goto(page.base_url + "/eingang/")
    axe(coordinator_page)
    referral_row = coordinator_page.get_by_role("row", name=re.compile("Gerda Gast"))
    assert f"vermittelt durch {agency.name}" in referral_row.inner_text()

    coordinator_context.close()
    agency_context.close()
