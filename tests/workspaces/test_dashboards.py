import pytest
from django.urls import reverse

from tests.factories import AgencyMembershipFactory, OrganizationMembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _panel(html: str, key: str) -> str:
    start = html.index(f'id="{key}"')
    return html[start : html.index("</section>", start)]


def test_anonymous_people_are_sent_to_the_login(client, organization):
    for url in (
        reverse("workspaces:index"),
        reverse("workspaces:volunteer"),
        reverse("workspaces:coordinator", args=[organization.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_index_sends_staff_to_their_workspace_and_volunteers_to_theirs(
    client, coordinator, organization, volunteer
):
    client.force_login(coordinator)
    assert client.get(reverse("workspaces:index"))["Location"] == reverse(
        "workspaces:coordinator", args=[organization.pk]
    )
    client.force_login(volunteer)
    assert client.get(reverse("workspaces:index"))["Location"] == reverse("workspaces:volunteer")


def test_login_lands_on_the_workspace(client, coordinator, organization, password):
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": password}
    )
    assert response["Location"] == reverse("workspaces:index")


def test_other_organizations_workspace_is_not_found(
    client, coordinator, volunteer, agency_staff, other_agency
):
    from tests.factories import OrganizationFactory

    other = OrganizationFactory()
    client.force_login(coordinator)
    assert client.get(reverse("workspaces:coordinator", args=[other.pk])).status_code == 404
    assert client.get(reverse("workspaces:agency", args=[other_agency.pk])).status_code == 404
    assert client.get(reverse("workspaces:network", args=["06"])).status_code == 404
    client.force_login(agency_staff)
    assert client.get(reverse("workspaces:agency", args=[other_agency.pk])).status_code == 404


def test_coordinator_dashboard_lists_what_waits_oldest_first(
    client, coordinator, organization, fill
):
    oldest = fill(3)
    client.force_login(coordinator)

    html = client.get(reverse("workspaces:coordinator", args=[organization.pk])).content.decode()

    interests = _panel(html, "interests")
    assert (
        interests.index("Person 00") < interests.index("Person 01") < interests.index("Person 02")
    )
    assert reverse("brokering:interest", args=[oldest["interest"].pk]) in interests
    for key in ("hours", "onboarding", "record-checks", "course-offers", "shifts"):
        assert "Nichts offen" not in _panel(html, key), key
    assert "Dienst 0" in _panel(html, "shifts")
    assert "Einarbeitung" in _panel(html, "course-offers")
    # What is done elsewhere is linked: the engagement's hours, the shift plan.
    assert "/engagements/" in _panel(html, "hours")


def test_agency_dashboard_lists_organizations_to_confirm_and_without_coordinator(
    client, agency_staff, agency, fill
):
    fill(2)
    client.force_login(agency_staff)

    html = client.get(reverse("workspaces:agency", args=[agency.pk])).content.decode()

    confirm = _panel(html, "to-confirm")
    assert confirm.index("Neuer Verein 00") < confirm.index("Neuer Verein 01")
    alone = _panel(html, "without-coordinator")
    assert alone.index("Verein ohne Koordination 00") < alone.index("Verein ohne Koordination 01")
    assert "Person 00" in _panel(html, "referrals")
    held = _panel(html, "held")
    assert held.index("Person 00: Garten 00") < held.index("Person 01: Garten 01")
    assert reverse("brokering:routed") in held
    assert "Erste Hilfe" in _panel(html, "course-offers")


def test_network_dashboard_lists_organizations_to_confirm_and_its_pages(
    client, network_staff, fill
):
    fill(1)
    client.force_login(network_staff)

    html = client.get(reverse("workspaces:network", args=["06"])).content.decode()

    assert "Neuer Verein 00" in _panel(html, "to-confirm")
    assert "Verein ohne Koordination 00" in _panel(html, "without-coordinator")
    assert reverse("guide:editor") in html
    assert reverse("guide:aggregates") in html


def test_volunteer_dashboard_lists_steps_hours_offers_and_shifts(client, volunteer, fill):
    fill(1)
    client.force_login(volunteer)

    html = client.get(reverse("workspaces:volunteer")).content.decode()

    assert "Schritt 0" in _panel(html, "my-steps")
    assert "Vorlesen" in _panel(html, "my-hours")
    assert "Erste Hilfe" in _panel(html, "my-course-offers")
    assert "Mein Dienst" in _panel(html, "my-shifts")


def test_a_long_panel_shows_ten_and_links_to_all(client, coordinator, organization, fill):
    fill(12)
    client.force_login(coordinator)

    html = client.get(reverse("workspaces:coordinator", args=[organization.pk])).content.decode()

    interests = _panel(html, "interests")
    assert interests.count("<li>") == 10
    assert "Alle 24 anzeigen" in interests  # the interests and the referrals
    assert "Person 11" not in interests  # the newest wait on the full list


@pytest.mark.parametrize("n", [1, 30])
def test_coordinator_dashboard_query_count_is_fixed(
    client, coordinator, organization, fill, n, django_assert_num_queries
):
    fill(n)
    client.force_login(coordinator)
    url = reverse("workspaces:coordinator", args=[organization.pk])

    with django_assert_num_queries(COORDINATOR_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_agency_dashboard_query_count_is_fixed(
    client, agency_staff, agency, fill, n, django_assert_num_queries
):
    fill(n)
    client.force_login(agency_staff)
    url = reverse("workspaces:agency", args=[agency.pk])

    with django_assert_num_queries(AGENCY_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_network_dashboard_query_count_is_fixed(
    client, network_staff, fill, n, django_assert_num_queries
):
    fill(n)
    client.force_login(network_staff)
    url = reverse("workspaces:network", args=["06"])

    with django_assert_num_queries(NETWORK_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_volunteer_dashboard_query_count_is_fixed(
    client, volunteer, fill, n, django_assert_num_queries
):
    fill(n)
    client.force_login(volunteer)
    url = reverse("workspaces:volunteer")

    with django_assert_num_queries(VOLUNTEER_QUERIES):
        assert client.get(url).status_code == 200


COORDINATOR_QUERIES = 23
AGENCY_QUERIES = 18
NETWORK_QUERIES = 14
VOLUNTEER_QUERIES = 19


def test_person_with_several_roles_switches_without_signing_out(
    client, coordinator, organization, agency
):
    AgencyMembershipFactory(user=coordinator, agency=agency)
    second = OrganizationMembershipFactory(user=coordinator).organization
    client.force_login(coordinator)

    page = client.get(reverse("workspaces:coordinator", args=[organization.pk])).content.decode()
    # The switcher offers every workspace, the current one marked.
    for url in (
        reverse("workspaces:coordinator", args=[second.pk]),
        reverse("workspaces:agency", args=[agency.pk]),
        reverse("workspaces:volunteer"),
    ):
        assert f'href="{url}"' in page
    assert reverse("brokering:inbox") in page
    assert reverse("brokering:counselling") not in page

    client.get(reverse("workspaces:agency", args=[agency.pk]))
    elsewhere = client.get(reverse("agencies:list")).content.decode()

    assert f"{reverse('brokering:counselling')}?agentur={agency.pk}" in elsewhere
    assert reverse("brokering:inbox") not in elsewhere
    assert client.get(reverse("workspaces:index"))["Location"] == reverse(
        "workspaces:agency", args=[agency.pk]
    )
    client.get(reverse("workspaces:coordinator", args=[second.pk]))
    assert f"einsatzstellen/{second.slug}/team/" in client.get("/").content.decode()
