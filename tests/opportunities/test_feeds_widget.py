"""Atom/RSS feeds and the embeddable widget."""

import pytest

from ehrensache.agencies.models import Agency
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_search_feed_uses_search_parameters(client):
    OpportunityFactory(title="Hausaufgabenhilfe", postal_code="35037")
    OpportunityFactory(title="Hausaufgabenhilfe Kassel", postal_code="34117")

    response = client.get("/suche/feed.atom", {"q": "Hausaufgaben", "where": "35037"})

    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Hausaufgabenhilfe – " in body
    assert "Kassel" not in body


def test_rss_feed_and_bad_parameters(client):
    OpportunityFactory(title="Sprachcafé")

    assert "Sprachcafé" in client.get("/suche/feed.rss").content.decode()
    assert client.get("/suche/feed.rss", {"radius_km": "1000"}).status_code == 404


def test_organization_agency_and_district_feeds(client, organization, agency):
    OpportunityFactory(organization=organization, title="In Marburg", postal_code="35037")
    OpportunityFactory(title="In Kassel", postal_code="34117")

    org_feed = client.get(f"/einsatzstellen/{organization.slug}/feed.atom").content.decode()
    agency_feed = client.get(f"/engagement/feeds/anlaufstelle/{agency.slug}.rss").content.decode()
    district_feed = client.get("/engagement/feeds/kreis/06611.atom").content.decode()

    assert "In Marburg" in org_feed and "In Kassel" not in org_feed
    assert "In Marburg" in agency_feed and "In Kassel" not in agency_feed
    assert "In Kassel" in district_feed and "In Marburg" not in district_feed
    assert client.get("/engagement/feeds/kreis/99999.atom").status_code == 404
    assert Agency.objects.filter(slug=agency.slug).exists()


def test_widget_can_be_framed_and_styled_safely(client, organization):
    OpportunityFactory(organization=organization, title="Lesepatenschaft")

    response = client.get(
        "/widget/",
        {"organization": organization.slug, "accent": "ffff00", "title": "<b>Mitmachen</b>"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "Lesepatenschaft" in html
    assert "&lt;b&gt;Mitmachen&lt;/b&gt;" in html
    assert "#ffff00" not in html  # too little contrast on white: links keep the text colour
    assert "<script" not in html


def test_widget_with_bad_parameters_says_so(client):
    response = client.get("/widget/", {"where": "99999", "accent": "red;}body{"})

    assert response.status_code == 200
    assert "ungültig" in response.content.decode()
    assert "red;}" not in response.content.decode()


def test_widget_docs_build_a_snippet(client, organization):
    response = client.get(
        "/widget/anleitung/", {"organization": organization.slug, "limit": "3", "accent": "#004b87"}
    )

    html = response.content.decode()
    assert f"organization={organization.slug}" in html
    assert "accent=004b87" in html
    assert "&lt;iframe" in html
