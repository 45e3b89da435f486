"""The Content-Security-Policy in Chromium: the guard in conftest.py sees violations, and the
pages with the most moving parts (API docs, maps with tiles, the embedded widget) cause none."""

import base64
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CSP_WATCH
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1x1 transparent PNG, served for every tile request: no request leaves the machine.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def test_guard_reports_an_inline_script_the_policy_refuses(page):
    page.goto(page.base_url + "/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(200)  # the violation event is dispatched asynchronously

    assert page.evaluate("() => window.injected") is None
    assert any("script-src" in v for v in CSP_WATCH.violations)
    assert CSP_WATCH.documents >= 1 and CSP_WATCH.without_header == []
    CSP_WATCH.reset()  # seen: this test's own violation must not fail it


def test_api_docs_load_only_from_this_site(page):
    own = urlparse(page.base_url).netloc
    foreign = []
    page.on("request", lambda r: urlparse(r.url).netloc != own and foreign.append(r.url))

    page.goto(page.base_url + "/api/v1/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Ehrensache API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert foreign == []


def test_map_tiles_load_from_the_tile_server_after_asking(page, axe, regions):
    AgencyFactory(name="Freiwilligenzentrum Kassel (Demo)", district_key="06611")
    tiles = []

    def serve_tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=PNG)

    page.route("https://tile.openstreetmap.org/**", serve_tile)
    page.goto(page.base_url + "/anlaufstellen/")

    expect(page.locator(".map-tiles-notice")).to_contain_text("tile.openstreetmap.org")
    axe(page)
    assert tiles == []

    page.get_by_role("button", name="Karte anzeigen").click()

    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert tiles
    axe(page)


def test_widget_preview_is_embedded_with_its_own_style_sheet(page, axe):
    page.goto(page.base_url + "/widget/anleitung/")

    frame = page.frame_locator("iframe.widget-preview")
    expect(frame.locator("h1")).to_be_visible()
    padding = frame.locator("body").evaluate("(b) => getComputedStyle(b).paddingTop")
    assert padding == "12px"  # 0.75rem from the widget's style sheet
    axe(page)
