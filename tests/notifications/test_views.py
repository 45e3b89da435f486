"""The settings page „Benachrichtigungen“ under Mein Konto."""

import pytest
from django.urls import reverse

from ehrensache.notifications.models import Preference
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/konto/benachrichtigungen/"


def test_url_name():
    assert reverse("notifications:preferences") == URL


def test_volunteer_sees_her_kinds_and_the_fixed_ones(client, volunteer):
    client.force_login(volunteer)
    page = client.get(URL).content.decode()
    assert "Erinnerung an meine Dienste" in page
    assert 'type="radio"' in page
    assert "Immer per E-Mail" in page and "Kurstermin verlegt" in page
    # staff-only kinds are not shown to a volunteer
    assert "Neue Interessen an Angeboten" not in page


def test_coordinator_sees_new_interests_without_off(client, coordinator):
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "Neue Interessen an Angeboten" in page
    assert 'name="brokering__new_interest" value="off"' not in page


def test_post_saves_and_redirects(client, volunteer):
    client.force_login(volunteer)
    response = client.post(
        URL,
        {
            "shifts__reminder": "digest",
            "courses__reminder": "off",
            "messaging__new_message": "mail",
        },
    )
    assert response.status_code == 302
    stored = dict(Preference.objects.filter(user=volunteer).values_list("kind", "delivery"))
    assert stored == {"shifts.reminder": "digest", "courses.reminder": "off"}
    page = client.get(URL).content.decode()
    assert 'value="digest" checked' in page.replace('id="id_shifts__reminder_1" ', "") or (
        "checked" in page
    )


@pytest.mark.parametrize("value", ["", "never", "\x00", "x" * 5000])
def test_odd_input_keeps_the_form_with_an_error(client, volunteer, value):
    client.force_login(volunteer)
    response = client.post(
        URL,
        {"shifts__reminder": value, "courses__reminder": "mail", "messaging__new_message": "mail"},
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie die markierten Angaben." in response.content.decode()
    assert not Preference.objects.exists()


@pytest.mark.parametrize("stored", [0, 3])
def test_query_count_is_fixed(client, django_assert_num_queries, stored):
    person = UserFactory()
    for key in ["shifts.reminder", "courses.reminder", "brokering.new_interest"][:stored]:
        Preference.objects.create(user=person, kind=key, delivery="digest")
    client.force_login(person)
    client.get(URL)  # warm caches (session, content types)
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
