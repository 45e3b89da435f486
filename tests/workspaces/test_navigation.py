"""The header's navigation by role: who sees which entries, every entry works for them."""

import re

import pytest
from django.urls import reverse

from ehrensache.core import navigation
from ehrensache.core.navigation import NavItem
from tests.factories import AgencyMembershipFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PUBLIC = ["Engagement finden", "Wer ist zuständig?", "Anlaufstellen", "Qualifizierung"]
EXPECTED = {
    "volunteer": ["Mein Engagement", "Meine Anfragen", "Kurse", "Kalender"],
    "coordinator": [
        "Eingang",
        "Engagements",
        "Stunden prüfen",
        "Dienste",
        "Angebote",
        "Team",
        "Kooperations-Check",
        "Statistik",
        "Rundnachrichten",
    ],
    "agency_staff": [
        "Beratung",
        "Vermittlung",
        "Kurse verwalten",
        "Einsatzstellen bestätigen",
        "Zahlen",
        "Statistik",
        "Datenübernahme",
        "Rundnachrichten",
    ],
    "network_staff": [
        "Leitfaden bearbeiten",
        "Kooperations-Check landesweit",
        "Einsatzstellen bestätigen",
        "Statistik",
    ],
}
NOT_FOR = {
    "volunteer": ["Kurse verwalten", "Eingang", "Beratung", "Leitfaden bearbeiten"],
    "coordinator": ["Kurse verwalten", "Beratung", "Leitfaden bearbeiten"],
    "agency_staff": ["Eingang", "Stunden prüfen", "Leitfaden bearbeiten"],
    "network_staff": ["Eingang", "Beratung", "Kurse verwalten"],
}


def _entries(client) -> list[dict]:
    response = client.get(reverse("core:home"))
    return response.context["main_navigation"]


def _labels(entries: list[dict], *, workspace: bool) -> list[str]:
    return [str(e["label"]) for e in entries if bool(e["workspace"]) == workspace]


@pytest.fixture
def person(request, volunteer, coordinator, agency_staff, network_staff):
    return {
        "volunteer": volunteer,
        "coordinator": coordinator,
        "agency_staff": agency_staff,
        "network_staff": network_staff,
    }[request.param]


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_each_role_sees_its_workspace_entries_and_the_public_ones(client, person, request):
    role = request.node.callspec.params["person"]
    client.force_login(person)

    entries = _entries(client)
    shown = _labels(entries, workspace=True)

    assert shown[:2] == ["Übersicht", "Nachrichten"]  # messages: in every workspace
    assert shown[2:] == EXPECTED[role]
    for label in NOT_FOR[role]:
        assert label not in shown
    assert _labels(entries, workspace=False)[:4] == PUBLIC
    html = client.get(reverse("core:home")).content.decode()
    assert "Mein Konto" in html and "Abmelden" in html


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_every_entry_works_for_the_person_who_sees_it(client, person):
    client.force_login(person)

    for entry in _entries(client):
        url = entry["url"].split("#")[0]
        response = client.get(url)
        assert response.status_code == 200, (entry["label"], url, response.status_code)


def test_anonymous_people_see_the_public_entries_and_the_login(client):
    entries = _entries(client)
    html = client.get(reverse("core:home")).content.decode()

    assert not _labels(entries, workspace=True)
    assert _labels(entries, workspace=False)[:4] == PUBLIC
    assert reverse("account_login") in html
    assert "Mein Arbeitsplatz" not in html


def test_a_person_with_several_roles_sees_the_workspace_they_chose(
    client, coordinator, agency, organization
):
    AgencyMembershipFactory(user=coordinator, agency=agency)
    client.force_login(coordinator)
    assert "Eingang" in _labels(_entries(client), workspace=True)

    client.get(reverse("workspaces:agency", args=[agency.pk]))

    labels = _labels(_entries(client), workspace=True)
    assert "Beratung" in labels and "Eingang" not in labels
    client.get(reverse("workspaces:volunteer"))
    assert "Meine Anfragen" in _labels(_entries(client), workspace=True)


def unread_three(request) -> int:
    return 3


def test_an_entry_can_show_a_count(client, volunteer, monkeypatch):
    items = navigation.navigation_items()
    extra = NavItem(
        "brokering:my_interests",
        "Nachrichten",
        "brokering:my_interests",
        position=299,
        workspace="volunteer",
        badge="tests.workspaces.test_navigation.unread_three",
    )
    monkeypatch.setattr(navigation, "navigation_items", lambda: [*items, extra])
    client.force_login(volunteer)

    html = client.get(reverse("core:home")).content.decode()

    assert re.search(r'Nachrichten <span class="nav-badge">3<span class="kern-sr-only"> neu', html)


def test_the_badge_is_not_shown_to_people_outside_the_workspace(client, monkeypatch):
    extra = NavItem(
        "core:home", "Geheim", "core:home", workspace="coordinator", badge="no.such.function"
    )
    monkeypatch.setattr(navigation, "navigation_items", lambda: [extra])
    client.force_login(UserFactory())

    assert "Geheim" not in client.get(reverse("core:home")).content.decode()
