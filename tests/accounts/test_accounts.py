import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from ehrensache.accounts.models import AccountDeletion, User

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _link(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_signup_confirm_login_and_mein_konto(client, password):
    response = client.post(
        "/konto/signup/",
        {"email": "neu@example.org", "password1": password, "password2": password},
    )

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert mail.outbox[0].subject == "[Ehrensache] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    confirm_url = _link(mail.outbox[0], r"http://[^\s]+/konto/confirm-email/[^\s/]+/")
    path = confirm_url.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified is True

    response = client.post("/konto/login/", {"login": "neu@example.org", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/arbeitsplatz/"  # the workspace, for a volunteer their own
    assert client.get("/arbeitsplatz/")["Location"] == "/arbeitsplatz/ehrenamt/"
    page = client.get("/konto/")
    assert page.status_code == 200
    assert "neu@example.org" in page.content.decode()


def test_login_refused_until_email_confirmed(client, password):
    client.post(
        "/konto/signup/", {"email": "neu@example.org", "password1": password, "password2": password}
    )
    client.logout()

    response = client.post("/konto/login/", {"login": "neu@example.org", "password": password})

    assert response["Location"] == "/konto/confirm-email/"
    assert client.get("/konto/").status_code == 302


def test_signup_keeps_input_and_explains_errors(client):
    response = client.post(
        "/konto/signup/", {"email": "neu@example.org", "password1": "a", "password2": "b"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="neu@example.org"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_password1_error"' in html or 'id="id_password2_error"' in html
    assert User.objects.count() == 0


def test_login_is_rate_limited_after_repeated_failures(client, volunteer, password):
    for _ in range(5):
        client.post("/konto/login/", {"login": volunteer.email, "password": "falsch"})

    blocked = client.post("/konto/login/", {"login": volunteer.email, "password": password})

    assert blocked.status_code == 200
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_link_that_sets_new_password(client, volunteer):
    response = client.post("/konto/password/reset/", {"email": volunteer.email})

    assert response["Location"] == "/konto/password/reset/done/"
    assert len(mail.outbox) == 1
    url = _link(mail.outbox[0], r"http://testserver/konto/password/reset/key/[^\s]+/")
    form_page = client.get(url.replace("http://testserver", ""), follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else url
    response = client.post(
        action.replace("http://testserver", ""),
        {"password1": "Neues-Passwort-2026", "password2": "Neues-Passwort-2026"},
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.check_password("Neues-Passwort-2026")


def test_mein_konto_requires_login(client):
    response = client.get("/konto/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_mein_konto_shows_roles_and_saves_profile(client, agency_staff):
    client.force_login(agency_staff)

    page = client.get("/konto/").content.decode()
    response = client.post("/konto/", {"display_name": "Anna A.", "preferred_language": "en"})

    assert "Freiwilligenagentur Marburg-Biedenkopf (Demo)" in page
    assert "Ehrenamtliche Person" in page
    assert response.status_code == 302
    agency_staff.refresh_from_db()
    assert (agency_staff.display_name, agency_staff.preferred_language) == ("Anna A.", "en")
    assert response.cookies["ehrensache_language"].value == "en"


def test_language_preference_is_applied_after_login(client, volunteer, password):
    volunteer.preferred_language = "en"
    volunteer.save()

    client.post("/konto/login/", {"login": volunteer.email, "password": password})
    html = client.get("/konto/").content.decode()

    assert '<html lang="en"' in html
    assert "My account" in html


def test_profile_rejects_unknown_language_and_keeps_input(client, volunteer):
    client.force_login(volunteer)

    response = client.post("/konto/", {"display_name": "Vera V.", "preferred_language": "xx"})

    assert response.status_code == 200
    assert 'value="Vera V."' in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.preferred_language == "de"


def test_delete_account_needs_password_and_confirmation(client, volunteer):
    client.force_login(volunteer)

    response = client.post("/konto/loeschen/", {"password": "falsch", "confirm": "on"})

    assert response.status_code == 200
    assert "Das Passwort stimmt nicht." in response.content.decode()
    assert User.objects.filter(pk=volunteer.pk).exists()


def test_delete_account_removes_person_and_keeps_anonymous_trace(client, agency_staff, password):
    client.force_login(agency_staff)
    email = agency_staff.email

    response = client.post("/konto/loeschen/", {"password": password, "confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(email=email).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    trace = AccountDeletion.objects.get()
    assert (trace.had_agency_role, trace.had_coordinator_role) == (True, False)
    assert client.get("/konto/").status_code == 302


def test_allauth_pages_use_site_layout_in_both_languages(client, volunteer):
    client.force_login(volunteer)
    for url in ["/konto/email/", "/konto/password/change/", "/konto/logout/"]:
        client.cookies.pop("ehrensache_language", None)
        german = client.get(url).content.decode()
        client.cookies["ehrensache_language"] = "en"
        english = client.get(url).content.decode()

        assert 'class="skip-link"' in german
        assert '<html lang="de"' in german
        assert '<html lang="en"' in english
