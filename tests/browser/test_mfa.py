"""A coordinator follows the notice after signing in, sets up an authenticator app, keeps the
recovery codes and signs in again with a code. axe on every page."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests.factories import PASSWORD, OrganizationMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(secret: str) -> str:
    """What the person's authenticator app shows now (allauth's own HOTP helper)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def sign_in(page, axe, email):
    page.goto(page.base_url + "/konto/login/")
    axe(page, context="login")
    page.get_by_label("E-Mail").first.fill(email)
    page.get_by_label("Passwort").first.fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def test_coordinator_sets_up_totp_and_signs_in_with_a_code(page, axe):
    email = OrganizationMembershipFactory(user__email="koordination@example.org").user.email

    sign_in(page, axe, email)
    expect(page).to_have_url(re.compile(r"/arbeitsplatz/einsatzstelle/\d+/$"))  # the workspace
    expect(page.locator(".messages")).to_contain_text("Zwei-Faktor-Anmeldung")
    page.goto(page.base_url + "/konto/")
    axe(page, context="Mein Konto with notice")
    notice = page.locator("#two-factor-notice")
    expect(notice).to_contain_text("Zwei-Faktor-Anmeldung")

    with page.expect_navigation():
        notice.get_by_role("link", name="Zwei-Faktor-Anmeldung einrichten").click()
    expect(page).to_have_url(re.compile(r"/konto/reauthenticate/"))
    axe(page, context="confirm password")
    page.get_by_label("Passwort").first.fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-App einrichten")
    expect(page.get_by_role("img")).to_have_count(1)
    axe(page, context="set-up page")
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Authentifizierungscode").fill("000000")
    if current_code(secret) != "000000":
        with page.expect_navigation():
            page.get_by_role("button", name="Einrichten").click()
        expect(page.locator(".kern-error")).to_contain_text("Falscher Code.")
        expect(page.get_by_label("Authentifizierungscode")).to_have_attribute(
            "aria-invalid", "true"
        )
        axe(page, context="set-up page with error")
        secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Authentifizierungscode").fill(current_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Einrichten").click()

    expect(page).to_have_url(re.compile(r"/konto/2fa/recovery-codes/$"))
    expect(page.locator(".messages")).to_contain_text("Authenticator-App aktiviert.")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    axe(page, context="recovery codes")

    page.goto(page.base_url + "/konto/2fa/")
    expect(page.get_by_text("Noch 10 von 10 Codes unbenutzt.")).to_be_visible()
    axe(page, context="two-factor overview")

    with page.expect_navigation():
        page.get_by_role("button", name="Abmelden").click()
    sign_in(page, axe, email)
    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden: Code eingeben")
    axe(page, context="second step")
    page.get_by_label("Code").fill(current_code(secret))
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/arbeitsplatz/einsatzstelle/\d+/$"))
    page.goto(page.base_url + "/konto/")
    expect(page.locator("#two-factor-notice")).to_have_count(0)
    expect(page.get_by_text("Zwei-Faktor-Anmeldung: eingeschaltet")).to_be_visible()
    axe(page, context="Mein Konto, protected")
