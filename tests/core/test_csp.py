"""The Content-Security-Policy: on every response Django answers, strict, with the map tile
server as the only other origin (images only). The browser journeys prove 0 violations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import path

from tests.factories import AgencyFactory

pytestmark = [pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_policy_is_strict_and_names_only_the_tile_server():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    values = [value for values in directives.values() for value in values]

    assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    foreign = {v for v in values if v.startswith("http")}
    assert foreign == {"https://tile.openstreetmap.org"}
    assert "https://tile.openstreetmap.org" in directives["img-src"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/anlaufstellen/", 200),
        ("/api/v1/regions/postal-codes/35037", 200),
        ("/api/v1/docs", 200),
        ("/api/v1/openapi.json", 200),
        ("/healthz", 200),
        ("/gibt-es-nicht/", 404),
        ("/api/v1/gibt-es-nicht", 404),
        ("/konto/login/", 200),
    ],
)
def test_every_response_carries_the_policy(client, url, status):
    response = client.get(url)

    assert response.status_code == status
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_carries_the_policy(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert _directives(response)["script-src"] == ["'self'"]


def test_api_docs_use_the_projects_own_swagger_files(client):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui-init.js" in html
    assert "cdn." not in html and "https://" not in html
    # No inline script: every <script> has a src or is JSON data.
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/json"' in opening


def test_the_widget_may_be_embedded_anywhere_and_has_no_inline_style(client):
    response = client.get("/widget/?accent=aa0000&background=ffffee&font=serif")

    directives = _directives(response)
    assert "frame-ancestors" not in directives
    assert directives["style-src"] == ["'self'"]
    html = response.content.decode()
    assert "<style" not in html
    assert "/widget/stil.css?accent=aa0000&amp;background=ffffee&amp;font=serif" in html

    css = client.get("/widget/stil.css?accent=aa0000&background=ffffee&font=serif")
    assert css["Content-Type"].startswith("text/css")
    text = css.content.decode()
    assert "background: #ffffee" in text and "Georgia" in text


def test_widget_style_sheet_ignores_bad_parameters(client):
    css = client.get("/widget/stil.css?accent=red;}body{x:y&font=<script>")

    assert css.status_code == 200
    text = css.content.decode()
    assert "red;" not in text and "<script>" not in text
    assert "#1c3d85" in text


def test_map_pages_name_the_tile_server(client):
    AgencyFactory(name="Mit Karte (Demo)", district_key="06611")

    html = client.get("/anlaufstellen/").content.decode()

    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "tile.openstreetmap.org" in html.split('class="kern-body map-tiles-notice"')[1][:300]


def test_an_empty_tile_url_switches_the_maps_off(client, settings):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "MAP_TILE_URL": "", "MAP_TILE_HOST": ""}
    AgencyFactory(name="Ohne Karte (Demo)", district_key="06611")

    html = client.get("/anlaufstellen/").content.decode()

    assert "Ohne Karte (Demo)" in html
    assert "map-section" not in html


def _settings_value(expression: str, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EHRENSACHE_MAP")}
    clean.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="ehrensache.settings")
    code = f"from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.integration
def test_tile_url_setting_sets_the_policys_image_origin():
    img_src = _settings_value(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        EHRENSACHE_MAP_TILE_URL="https://karten.example.org:8443/tiles/{z}/{x}/{y}.png",
    )

    assert img_src == "[\"'self'\", 'data:', 'https://karten.example.org:8443']"


def test_failed_csrf_check_answers_with_a_page_without_inline_style(settings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/konto/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "<style" not in html and 'style="' not in html
    assert "Formular abgelaufen" in html
    assert _directives(response)["style-src"] == ["'self'"]
