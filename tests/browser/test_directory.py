"""The agency directory, an agency's page, "Wer ist zuständig?" and editing, in a browser."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.factories import AgencyFactory, AgencyMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agencies(regions):
    return [
        AgencyFactory(name="Freiwilligenagentur Marburg-Biedenkopf (Demo)", district_key="06534"),
        AgencyFactory(name="Freiwilligenzentrum Kassel (Demo)", district_key="06611"),
        AgencyFactory(name="BüroAktiv Frankfurt (Demo)", district_key="06412"),
    ]


def _record_foreign_requests(page):
    """Every request that leaves the live server; tile requests fail (tiles may be down)."""
    own = urlparse(page.base_url).netloc
    foreign = []

    def handle(route):
        foreign.append(route.request.url)
        route.abort()

    page.route(lambda url: urlparse(url).netloc != own, handle)
    return foreign


def _english(page):
    host = urlparse(page.base_url).hostname
    page.context.add_cookies(
        [{"name": "ehrensache_language", "value": "en", "domain": host, "path": "/"}]
    )


def test_directory_works_without_map_and_map_survives_missing_tiles(page, axe, agencies):
    foreign = _record_foreign_requests(page)
    page.goto(page.base_url + "/anlaufstellen/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Anlaufstellen für Engagement")
    expect(page.get_by_role("link", name="Freiwilligenzentrum Kassel (Demo)")).to_be_visible()
    axe(page)
    assert foreign == []  # no third-party request before the visitor asks for the map

    page.get_by_role("button", name="Karte anzeigen").click()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)
    expect(page.locator("#map-status")).to_contain_text("Kartenkacheln konnten nicht geladen")
    expect(page.get_by_role("button", name="Karte ausblenden")).to_have_attribute(
        "aria-expanded", "true"
    )
    axe(page)
    assert foreign and all("tile.openstreetmap.org" in url for url in foreign)


def test_directory_filter_by_district(page, axe, agencies):
    page.goto(page.base_url + "/anlaufstellen/")

    page.get_by_label("Kreis oder kreisfreie Stadt").select_option(
        label="Kassel (kreisfreie Stadt)"
    )
    page.get_by_role("button", name="Filtern").click()

    expect(page.get_by_role("heading", level=2, name="1 Anlaufstelle")).to_be_visible()
    expect(page.get_by_role("link", name="Freiwilligenzentrum Kassel (Demo)")).to_be_visible()
    axe(page)


def test_agency_page(page, axe, agencies):
    page.goto(page.base_url + "/anlaufstellen/")
    page.get_by_role("link", name="Freiwilligenagentur Marburg-Biedenkopf (Demo)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Freiwilligenagentur Marburg-Biedenkopf (Demo)"
    )
    expect(page.get_by_text("Landkreis Marburg-Biedenkopf").first).to_be_visible()
    axe(page)


def test_who_is_responsible_in_german(page, axe, agencies):
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Wer ist zuständig?").first.click()
    axe(page)

    page.get_by_label("Postleitzahl oder Ort").fill("35037")
    page.get_by_role("button", name="Anlaufstellen suchen").click()

    responsible = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("Zuständig für 35037"))
    )
    expect(
        responsible.get_by_role("link", name="Freiwilligenagentur Marburg-Biedenkopf (Demo)")
    ).to_be_visible()
    nearest = page.locator(
        "section", has=page.get_by_role("heading", name="Weitere Anlaufstellen in der Nähe")
    )
    expect(nearest.get_by_text(re.compile(r"\d+ km")).first).to_be_visible()
    axe(page)

    page.get_by_label("Postleitzahl oder Ort").fill("9999")
    page.get_by_role("button", name="Anlaufstellen suchen").click()
    expect(page.get_by_text("„9999“ ist keine gültige Postleitzahl.", exact=False)).to_be_visible()
    expect(page.get_by_label("Postleitzahl oder Ort")).to_have_value("9999")
    axe(page)


def test_who_is_responsible_in_english(page, axe, agencies):
    _english(page)
    page.goto(page.base_url + "/zustaendig/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Who is responsible for me?")
    page.get_by_label(re.compile("^Postal code or")).fill("Kassel")
    page.get_by_role("button", name="Find agencies").click()
    expect(page.get_by_role("heading", name="Responsible for Kassel")).to_be_visible()
    expect(page.get_by_role("link", name="Freiwilligenzentrum Kassel (Demo)")).to_be_visible()
    axe(page)

    page.get_by_label(re.compile("^Postal code or")).fill("99999")
    page.get_by_role("button", name="Find agencies").click()
    expect(page.get_by_text("We do not know the postal code 99999.")).to_be_visible()
    axe(page)


def test_directory_and_agency_page_in_english_via_language_switch(page, axe, agencies):
    page.goto(page.base_url + "/anlaufstellen/")
    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Agencies for volunteering")
    axe(page)
    page.get_by_role("link", name="BüroAktiv Frankfurt (Demo)").click()
    expect(page.get_by_role("heading", name="Service area")).to_be_visible()
    axe(page)


def test_agency_staff_edits_service_area(page, axe, agencies, live_server):
    from django.conf import settings
    from django.test import Client

    staff = AgencyMembershipFactory(agency=agencies[0]).user
    client = Client()
    client.force_login(staff)
    host = urlparse(page.base_url).hostname
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )

    page.goto(page.base_url + f"/anlaufstellen/{agencies[0].slug}/")
    page.get_by_role("link", name="Eintrag bearbeiten").click()
    axe(page)
    page.get_by_label("Landkreis Gießen (06531)").check()
    page.get_by_label("Zusätzlich zuständig für diese Postleitzahlen").fill("35274, 1234")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Keine gültigen Postleitzahlen: 1234.", exact=False)).to_be_visible()
    axe(page)

    page.get_by_label("Zusätzlich zuständig für diese Postleitzahlen").fill("35274")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Angaben der Anlaufstelle wurden gespeichert.")).to_be_visible()
    expect(page.get_by_text("Landkreis Gießen")).to_be_visible()
    axe(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_pages_reflow_at_320_px(page, axe, agencies, language):
    page.context.add_cookies(
        [{"name": "ehrensache_language", "value": language, "url": page.base_url}]
    )
    page.set_viewport_size({"width": 320, "height": 800})
    long_name = AgencyFactory(
        name="Interkommunale Anlaufstelle Bensheim/Heppenheim/Lampertheim/Viernheim (Demo)",
        district_key="06431",
    )
    for path in [
        "/anlaufstellen/",
        long_name.get_absolute_url(),
        "/zustaendig/?q=64625",
        "/zustaendig/?q=9999",
    ]:
        page.goto(page.base_url + path)

        fits = page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert fits, f"{path} scrolls sideways at 320 px"
        axe(page)
