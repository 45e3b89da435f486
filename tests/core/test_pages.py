import pytest

from ehrensache.core.pages import PAGES

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HEADINGS = {
    "de": {
        "impressum": "Impressum",
        "datenschutz": "Datenschutz",
        "datenquellen": "Datenquellen",
        "barrierefreiheit": "Erklärung zur Barrierefreiheit",
        "leichte-sprache": "Ehrensache in Leichter Sprache",
    },
    "en": {
        "impressum": "Legal notice",
        "datenschutz": "Privacy",
        "datenquellen": "Data sources",
        "barrierefreiheit": "Accessibility statement",
        "leichte-sprache": "Ehrensache in Easy Read",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("slug", sorted(PAGES))
def test_information_page_renders_in_language(client, slug, language):
    client.cookies["ehrensache_language"] = language

    response = client.get(f"/seite/{slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert f'<h1 class="kern-heading-large">{HEADINGS[language][slug]}</h1>' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_offers_responsible_lookup(client, language):
    client.cookies["ehrensache_language"] = language

    html = client.get("/").content.decode()

    assert 'name="q"' in html
    label = {"de": "Postleitzahl oder Ort", "en": "Postal code or town"}[language]
    assert f'<label class="kern-label" for="home-q">{label}</label>' in html


def test_unknown_page_is_404(client):
    assert client.get("/seite/gibt-es-nicht/").status_code == 404


def test_datenquellen_credits_geonames_with_licence(client):
    html = client.get("/seite/datenquellen/").content.decode()

    assert "https://www.geonames.org/" in html
    assert "CC BY 4.0" in html


def test_impressum_is_marked_as_demo_without_operator(client):
    html = client.get("/seite/impressum/").content.decode()

    assert "Dies ist ein Demo-Betrieb von Ehrensache." in html


def test_impressum_shows_configured_operator(client, settings):
    settings.EHRENSACHE = {
        **settings.EHRENSACHE,
        "OPERATOR_NAME": "Landesnetzwerk Beispiel e.V.",
        "OPERATOR_ADDRESS": "Musterweg 1\n12345 Musterstadt",
        "CONTACT_EMAIL": "kontakt@example.org",
    }

    html = client.get("/seite/impressum/").content.decode()

    assert "Landesnetzwerk Beispiel e.V." in html
    assert "Musterweg 1<br>12345 Musterstadt" in html
    assert "Demo-Betrieb" not in html


def test_language_switch_works_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/seite/impressum/"})

    assert response.status_code == 302
    assert response["Location"] == "/seite/impressum/"
    assert '<html lang="en"' in client.get("/seite/impressum/").content.decode()


def test_the_site_has_an_icon_where_browsers_look_for_it(client):
    page = client.get("/").content.decode()
    response = client.get("/favicon.ico")

    assert 'rel="icon"' in page and "core/favicon.svg" in page
    assert response.status_code == 302
    assert response["Location"].endswith("core/favicon.svg")


def test_privacy_page_states_eight_years_for_accounting_receipts(client):
    # § 147 Abs. 3 AO (Viertes Bürokratieentlastungsgesetz): Buchungsbelege 8 years from 2025.
    html = client.get("/seite/datenschutz/").content.decode()

    assert "acht Jahre auf (Buchungsbelege, § 147 Abs. 3 AO, seit 1. Januar 2025" in html
    assert "Aufwandsentschädigungen zehn Jahre" not in html
