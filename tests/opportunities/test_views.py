"""Search page, opportunity page, coordinator pages: behaviour, bad input, scopes, queries."""

import json
import re

import pytest
from django.db import connection
from django.urls import reverse

from ehrensache.opportunities.models import Opportunity
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SEARCH = "/suche/"


def test_search_page_finds_with_distance(client):
    OpportunityFactory(title="Hausaufgabenhilfe für Grundschulkinder", postal_code="35037")

    response = client.get(SEARCH, {"q": "Hausaufgaben", "where": "35037", "radius_km": "25"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hausaufgabenhilfe für Grundschulkinder" in html
    assert "0 km entfernt" in html
    assert "1 Angebot im Umkreis von 25 km um 35037 Marburg" in " ".join(html.split())


def test_a_place_search_shows_online_offers_too_unless_asked_for_on_site_only(client):
    """The default is what a person expects: near the place and online (marked); the API
    keeps its documented default (on site only)."""
    OpportunityFactory(title="Lesepatenschaft", postal_code="35037")
    OpportunityFactory(title="Online-Nachhilfe", postal_code="10115", on_site=False, remote=True)

    def titles(params, url=SEARCH):
        response = client.get(url, {"where": "35037", **params})
        assert response.status_code == 200
        if url != SEARCH:
            return [item["title"] for item in response.json()["results"]]
        html = response.content.decode()
        return [t for t in ("Lesepatenschaft", "Online-Nachhilfe") if t in html]

    assert titles({}) == ["Lesepatenschaft", "Online-Nachhilfe"]
    assert "auch online" in client.get(SEARCH, {"where": "35037"}).content.decode()
    assert titles({"remote": "onsite"}) == ["Lesepatenschaft"]
    assert titles({"remote": "only"}) == ["Online-Nachhilfe"]
    assert titles({"remote": "include"}) == ["Lesepatenschaft", "Online-Nachhilfe"]  # old links
    assert titles({}, url="/api/v1/opportunities") == ["Lesepatenschaft"]
    assert titles({"remote": "include"}, url="/api/v1/opportunities") == [
        "Lesepatenschaft",
        "Online-Nachhilfe",
    ]


def test_the_home_page_searches_with_a_place(client):
    response = client.get("/")
    html = response.content.decode()
    assert 'name="where"' in html and 'for="home-where"' in html


def test_htmx_request_gets_only_the_results(client):
    OpportunityFactory(title="Sprachcafé")

    response = client.get(SEARCH, {"q": "Sprachcafe"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "Sprachcafé" in html
    assert "<html" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"where": "99999"}, "Die Postleitzahl 99999 kennen wir nicht"),
        ({"where": "Atlantis"}, "Einen Ort „Atlantis“ haben wir nicht gefunden"),
        ({"where": "35037", "radius_km": "500"}, "Der Umkreis muss zwischen 5 und 100 km liegen"),
        ({"where": "35037", "radius_km": "abc"}, "Der Umkreis muss zwischen 5 und 100 km liegen"),
        ({"q": "x" * 500}, "höchstens 200 Zeichen"),
        ({"field": "unbekannt"}, "unbekannt ist keine gültige Auswahl"),
        ({"sort": "'; DROP TABLE x; --"}, "keine gültige Auswahl"),
        ({"organization": "gibt-es-nicht"}, "Diese Einsatzstelle kennen wir nicht"),
        ({"lat": "50.8"}, "Breiten- und Längengrad"),
    ],
)
def test_bad_input_gives_message_and_keeps_input(client, params, message):
    response = client.get(SEARCH, params)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    for key, value in params.items():
        if key in {"where", "q"}:
            assert f'value="{value}"' in html


def test_html_in_query_is_escaped(client):
    response = client.get(SEARCH, {"q": "<script>alert(1)</script>"})

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("n", [1, 3])
def test_search_page_query_count_is_flat(client, django_assert_num_queries, n):
    OpportunityFactory.create_batch(n, title="Gartenarbeit")

    # postal code lookup, candidates (PostgreSQL: with rank), SQLite: rank, page objects
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 4):
        response = client.get(SEARCH, {"q": "Garten", "where": "35037"})

    assert response.content.decode().count('class="result"') == n


@pytest.mark.parametrize("n", [1, 3])
def test_browse_query_count_is_flat(client, django_assert_num_queries, n):
    OpportunityFactory.create_batch(n)

    with django_assert_num_queries(3):  # count, ids, page objects
        client.get(SEARCH)


def test_detail_page_has_escaped_json_ld(client):
    opportunity = OpportunityFactory(
        title="Lesepaten </script><b>gesucht</b>", description="<img src=x onerror=alert(1)>"
    )

    response = client.get(opportunity.get_absolute_url())

    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == "VOLUNTEER"
    assert data["title"] == "Lesepaten gesucht"
    assert data["jobLocation"]["address"]["postalCode"] == "35037"
    assert "<img" not in html.replace("&lt;img", "")


def test_detail_redirects_to_canonical_slug(client):
    opportunity = OpportunityFactory(title="Lesepaten")

    response = client.get(f"/engagement/{opportunity.pk}-falsch/")

    assert response.status_code == 301
    assert response["Location"] == opportunity.get_absolute_url()


def test_drafts_are_visible_only_to_their_coordinators(
    client, coordinator, other_coordinator, volunteer, organization
):
    draft = OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    for person, status in ((volunteer, 404), (other_coordinator, 404), (coordinator, 200)):
        client.force_login(person)
        assert client.get(draft.get_absolute_url()).status_code == status


def test_edit_pages_are_scoped(client, coordinator, other_coordinator, volunteer, organization):
    opportunity = OpportunityFactory(organization=organization)
    urls = [
        reverse("opportunities:edit", args=[opportunity.pk]),
        reverse("opportunities:create", args=[organization.slug]),
    ]

    assert client.get(urls[0]).status_code == 302  # to the login
    draft = OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT)
    for person in (volunteer, other_coordinator):
        client.force_login(person)
        for url in urls:  # public opportunity and organization: the action is refused
            assert client.get(url).status_code == 403
        response = client.post(
            reverse("opportunities:status", args=[opportunity.pk]), {"action": "pause"}
        )
        assert response.status_code == 403
        assert client.get(reverse("opportunities:edit", args=[draft.pk])).status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED


def test_coordinator_creates_publishes_and_pauses(client, coordinator, organization):
    client.force_login(coordinator)

    response = client.post(
        reverse("opportunities:create", args=[organization.slug]),
        {"title": "Vorlesen im Kindergarten", "description": "Einmal pro Woche vorlesen.",
         "field": "bildung", "on_site": "on", "postal_code": "35037", "schedule": "regular",
         "people_wanted": "2", "publish": "1"},
    )  # fmt: skip

    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert opportunity.status == Opportunity.Status.PUBLISHED
    client.post(reverse("opportunities:status", args=[opportunity.pk]), {"action": "pause"})
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PAUSED


def test_form_keeps_input_on_unknown_postal_code(client, coordinator, organization):
    client.force_login(coordinator)

    response = client.post(
        reverse("opportunities:create", args=[organization.slug]),
        {"title": "Vorlesen im Kindergarten", "description": "Einmal pro Woche.",
         "field": "bildung", "on_site": "on", "postal_code": "99999", "schedule": "regular",
         "people_wanted": "2"},
    )  # fmt: skip

    html = response.content.decode()
    assert response.status_code == 200
    assert "Die Postleitzahl 99999 kennen wir nicht" in html
    assert 'value="Vorlesen im Kindergarten"' in html
    assert Opportunity.objects.count() == 0


def test_manage_page_lists_only_own(client, coordinator, organization, other_organization):
    OpportunityFactory(organization=organization, title="Eigenes Angebot")
    OpportunityFactory(organization=other_organization, title="Fremdes Angebot")
    client.force_login(coordinator)

    html = client.get(reverse("opportunities:manage")).content.decode()

    assert "Eigenes Angebot" in html
    assert "Fremdes Angebot" not in html


def test_token_page_creates_and_revokes(client, coordinator, volunteer):
    client.force_login(coordinator)

    response = client.post(reverse("opportunities:tokens"), {"name": "Website"})
    token = coordinator.api_tokens.get()
    client.post(reverse("opportunities:tokens"), {"revoke": "abc"})
    client.force_login(volunteer)
    foreign = client.post(reverse("opportunities:tokens"), {"revoke": str(token.pk)})

    assert "es_" in response.content.decode()
    assert foreign.status_code == 404
    token.refresh_from_db()
    assert token.is_active
