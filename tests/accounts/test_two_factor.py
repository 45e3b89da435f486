"""Two-factor authentication (allauth.mfa): set-up, sign-in with a code or a recovery code,
the notice for staff and the optional requirement for staff."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from ehrensache.accounts.demo import load as load_demo_accounts
from ehrensache.accounts.models import ApiToken
from ehrensache.accounts.two_factor import is_staff_member
from ehrensache.core.demo import DEMO_PASSWORD
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SETUP = "/konto/2fa/totp/activate/"


def current_code(secret: str) -> str:
    """The code an authenticator app shows now (allauth's own HOTP helper)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def sign_in(client, user, password):
    return client.post("/konto/login/", {"login": user.email, "password": password})


def confirm_password(client, password):
    """allauth asks for the password again before two-factor settings change."""
    response = client.get(SETUP)
    assert response["Location"].startswith("/konto/reauthenticate/")
    page = client.get(response["Location"]).content.decode()
    assert "<h1" in page
    done = client.post(response["Location"], {"password": password})
    assert done["Location"] == SETUP


@pytest.fixture
def require_mfa(settings):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "REQUIRE_MFA_FOR_STAFF": True}


def test_staff_are_admins_and_people_with_a_professional_role(
    volunteer, agency_staff, coordinator, network_staff
):
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert not is_staff_member(volunteer)
    assert all(is_staff_member(u) for u in [agency_staff, coordinator, network_staff, admin])


def test_requirement_is_off_in_tests_and_development(settings):
    assert settings.EHRENSACHE["REQUIRE_MFA_FOR_STAFF"] is False


def test_set_up_totp_then_sign_in_with_a_code(client, volunteer, password):
    sign_in(client, volunteer, password)
    confirm_password(client, password)
    page = client.get(SETUP)
    html = page.content.decode()
    assert "Authenticator-App einrichten" in html
    assert "Authentifizierungscode" in html  # allauth's own German label
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', html).group(1)
    assert 'src="data:image/svg+xml;base64,' in html

    wrong = client.post(SETUP, {"code": "000000" if current_code(secret) != "000000" else "111111"})
    assert "Falscher Code." in wrong.content.decode()
    response = client.post(SETUP, {"code": current_code(secret)})

    assert response["Location"] == "/konto/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=volunteer, type="totp").exists()
    codes_page = client.get("/konto/2fa/recovery-codes/").content.decode()
    assert codes_page.count("<li><code>") == 10
    client.post("/konto/logout/")

    first = sign_in(client, volunteer, password)
    assert first["Location"] == "/konto/2fa/authenticate/"
    second_step = client.get("/konto/2fa/authenticate/").content.decode()
    assert "Anmelden: Code eingeben" in second_step
    assert client.get("/konto/")["Location"].startswith("/konto/login/")
    done = client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})

    assert done["Location"] == "/arbeitsplatz/"  # the workspace (LOGIN_REDIRECT_URL)
    assert client.get("/konto/").status_code == 200


def test_wrong_code_at_sign_in_is_refused_in_german(client, volunteer, password):
    with_totp(volunteer)
    sign_in(client, volunteer, password)

    response = client.post("/konto/2fa/authenticate/", {"code": "12345"})

    assert response.status_code == 200
    assert "Falscher Code." in response.content.decode()
    assert client.get("/konto/").status_code == 302


def test_recovery_code_signs_in_once(client, volunteer, password):
    with_totp(volunteer)
    code = RecoveryCodes(
        Authenticator.objects.get(user=volunteer, type="recovery_codes")
    ).get_unused_codes()[0]

    sign_in(client, volunteer, password)
    assert client.post("/konto/2fa/authenticate/", {"code": code})["Location"] == "/arbeitsplatz/"
    client.post("/konto/logout/")
    sign_in(client, volunteer, password)
    again = client.post("/konto/2fa/authenticate/", {"code": code})

    assert again.status_code == 200
    assert "Falscher Code." in again.content.decode()


def test_mfa_pages_in_english(client, volunteer, password):
    sign_in(client, volunteer, password)
    confirm_password(client, password)
    client.cookies["ehrensache_language"] = "en"

    html = client.get(SETUP).content.decode()

    assert '<html lang="en"' in html
    assert "Set up authenticator app" in html
    assert "Authenticator code" in html


def test_everybody_is_offered_it_on_mein_konto(client, volunteer):
    client.force_login(volunteer)

    html = client.get("/konto/").content.decode()

    assert f'href="{reverse("mfa_index")}"' in html
    assert "nicht eingeschaltet" in html
    assert 'id="two-factor-notice"' not in html


def test_staff_see_a_notice_after_login_and_on_mein_konto(client, coordinator, password):
    response = sign_in(client, coordinator, password)
    html = client.get(response["Location"], follow=True).content.decode()  # the workspace

    assert "Bitte schützen Sie Ihr Konto mit der Zwei-Faktor-Anmeldung" in html
    assert f'<a href="{SETUP}">Zwei-Faktor-Anmeldung einrichten</a>' in html
    assert 'id="two-factor-notice"' in client.get("/konto/").content.decode()


def test_volunteers_get_no_notice_after_login(client, volunteer, password):
    response = sign_in(client, volunteer, password)
    html = client.get(response["Location"]).content.decode()

    assert "Zwei-Faktor-Anmeldung einrichten" not in html


def test_staff_with_totp_get_no_notice(client, agency_staff, password):
    secret = with_totp(agency_staff)
    sign_in(client, agency_staff, password)
    client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})

    html = client.get("/konto/").content.decode()

    assert 'id="two-factor-notice"' not in html
    assert "eingeschaltet" in html


def test_without_requirement_staff_reach_staff_pages(client, coordinator, organization):
    client.force_login(coordinator)

    assert client.get(f"/einsatzstellen/{organization.slug}/team/").status_code == 200


def test_requirement_sends_staff_to_set_up(
    client, coordinator, organization, password, require_mfa
):
    sign_in(client, coordinator, password)

    response = client.get(f"/einsatzstellen/{organization.slug}/team/")

    assert response.status_code == 302
    assert response["Location"] == SETUP
    shown = client.get(SETUP, follow=True).content.decode()  # via allauth's password check
    assert "Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein." in shown
    confirm_password(client, password)
    assert client.get(SETUP).status_code == 200
    assert client.get("/konto/")["Location"] == SETUP
    assert client.get("/seite/impressum/").status_code == 200
    assert client.get("/konto/2fa/").status_code == 200
    assert client.get("/konto/email/").status_code == 200


def test_requirement_answers_api_and_htmx_requests_in_kind(client, network_staff, require_mfa):
    client.force_login(network_staff)

    api = client.get("/api/v1/agencies")
    htmx = client.get("/konto/", headers={"HX-Request": "true"})

    assert api.status_code == 403
    assert api.json() == {
        "detail": "Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein.",
        "code": "mfa_required",
        "errors": [],
    }
    assert htmx["HX-Redirect"] == SETUP


def test_requirement_also_stops_api_keys_of_staff_without_it(
    client, coordinator, organization, require_mfa
):
    """A key made before the requirement must not get around it."""
    _token, raw = ApiToken.issue(user=coordinator, name="Altes Skript")
    bearer = {"Authorization": f"Bearer {raw}"}

    inbox = client.get("/api/v1/brokering/inbox", headers=bearer)
    mine = client.get("/api/v1/opportunities/mine", headers=bearer)

    assert (inbox.status_code, mine.status_code) == (403, 403)
    assert inbox.json()["detail"] == "Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein."
    with_totp(coordinator)
    assert client.get("/api/v1/opportunities/mine", headers=bearer).status_code == 200


def test_without_requirement_api_keys_of_staff_work(client, coordinator, organization):
    _token, raw = ApiToken.issue(user=coordinator, name="Skript")

    response = client.get("/api/v1/opportunities/mine", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200


def test_requirement_leaves_volunteers_and_staff_with_totp_alone(
    client, volunteer, agency_staff, password, require_mfa
):
    client.force_login(volunteer)
    assert client.get("/konto/").status_code == 200

    secret = with_totp(agency_staff)
    client.logout()
    sign_in(client, agency_staff, password)
    client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get("/konto/").status_code == 200


def test_requirement_covers_admins_and_admin_sign_in_goes_through_allauth(client, require_mfa):
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert client.get("/admin/login/?next=/admin/")["Location"].startswith("/konto/login/")
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == SETUP


def test_demo_logins_work_without_second_factor(client):
    load_demo_accounts(out=lambda *args: None)

    for email in ["koordination@demo.ehrensache.invalid", "admin@demo.ehrensache.invalid"]:
        client.logout()
        response = client.post("/konto/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response["Location"] == "/arbeitsplatz/", email
        assert client.get("/konto/").status_code == 200
    assert client.get("/admin/").status_code == 200  # the admin, signed in last
