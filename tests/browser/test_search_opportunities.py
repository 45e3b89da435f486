"""Browser: find "Hausaufgabenhilfe" near 35037 and open it; register an organization.
axe-core (WCAG 2.1 AA) on every page visited."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )


def test_search_near_postal_code_and_open_result(page, axe):
    from tests.factories import OpportunityFactory, OrganizationFactory

    organization = OrganizationFactory(name="Lernwerkstatt Marburg (Demo)", postal_code="35037")
    OpportunityFactory(
        organization=organization,
        title="Hausaufgabenhilfe für Grundschulkinder",
        summary="Zweimal pro Woche bei den Hausaufgaben helfen.",
        field="bildung",
        postal_code="35037",
        requires_extended_certificate=True,
    )
    OpportunityFactory(title="Hausaufgabenhilfe in Kassel", postal_code="34117")

    page.goto(f"{page.base_url}/suche/")
    axe(page)
    page.get_by_label("Was möchten Sie tun?").fill("Hausaufgabenhilfe")
    page.get_by_label("Wo? (Postleitzahl oder Ort)").fill("35037")
    page.get_by_role("button", name="Suchen", exact=True).click()

    expect(
        page.get_by_role("heading", name=re.compile("1 Angebot im Umkreis von 25 km"))
    ).to_be_visible()
    expect(page.get_by_text("0 km entfernt")).to_be_visible()
    expect(page.get_by_role("link", name="Hausaufgabenhilfe in Kassel")).to_have_count(0)
    axe(page)

    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Bildung & Lernhilfe").check()  # htmx updates the results in place
    expect(page).to_have_url(re.compile(r"field=bildung"))
    expect(page.get_by_role("link", name="Hausaufgabenhilfe für Grundschulkinder")).to_be_visible()

    page.get_by_role("link", name="Hausaufgabenhilfe für Grundschulkinder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hausaufgabenhilfe für Grundschulkinder"
    )
    expect(
        page.get_by_text("Erweitertes Führungszeugnis (für Ehrenamtliche kostenlos)")
    ).to_be_visible()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    axe(page)


def test_search_without_javascript_and_bad_input(browser, live_server, regions):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/suche/?where=99999&q=Garten")

    expect(page.get_by_text("Die Postleitzahl 99999 kennen wir nicht").first).to_be_visible()
    expect(page.get_by_label("Was möchten Sie tun?")).to_have_value("Garten")
    context.close()  # axe needs JavaScript: the same page is checked in the next test


def test_bad_input_page_is_accessible(page, axe):
    page.goto(f"{page.base_url}/suche/?where=99999&q=Garten&radius_km=500")

    expect(page.get_by_text("Der Umkreis muss zwischen 5 und 100 km liegen.").first).to_be_visible()
    axe(page)


def test_register_organization_pages(page, axe, agency):
    from tests.factories import UserFactory

    sign_in(page, UserFactory(email="neu@example.org", display_name="Nina Neu"))

    page.goto(f"{page.base_url}/einsatzstellen/registrieren/")
    axe(page)
    page.get_by_label("Name").first.fill("Lesefreunde Marburg e.V.")
    page.get_by_label("Beschreibung").fill("Wir lesen mit Kindern.")
    page.get_by_label("Postleitzahl").fill("99999")
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_text("Die Postleitzahl 99999 kennen wir nicht")).to_be_visible()
    expect(page.get_by_label("Beschreibung")).to_have_value("Wir lesen mit Kindern.")
    axe(page)

    page.get_by_label("Postleitzahl").fill("35037")
    page.get_by_label("Bildung & Lernhilfe").check()
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesefreunde Marburg e.V.")
    expect(page.get_by_text("Noch nicht bestätigt")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Team und Einladungen").click()
    page.get_by_label("E-Mail-Adresse der Kollegin oder des Kollegen").fill("kollege@example.org")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text("kollege@example.org").first).to_be_visible()
    axe(page)
