"""Every page of the foundation in German and English: axe-core finds no violation, and
nothing scrolls sideways at 320 px (WCAG 1.4.10 reflow, also what 200 % zoom of 640 px is)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/seite/impressum/",
    "/seite/datenschutz/",
    "/seite/datenquellen/",
    "/seite/barrierefreiheit/",
    "/seite/leichte-sprache/",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
]
ACCOUNT_PAGES = ["/konto/", "/konto/email/", "/konto/password/change/", "/konto/loeschen/"]


def _use_language(page, language):
    page.context.add_cookies(
        [{"name": "ehrensache_language", "value": language, "url": page.base_url}]
    )


def _no_horizontal_scrolling(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_public_pages_have_no_axe_violations(page, axe, language):
    _use_language(page, language)
    for path in PUBLIC_PAGES:
        page.goto(page.base_url + path)

        assert page.locator("html").get_attribute("lang") == language
        axe(page, context=f"{path} ({language})")


@pytest.mark.parametrize("language", ["de", "en"])
def test_account_pages_have_no_axe_violations(page, axe, language, volunteer, password):
    _use_language(page, language)
    page.goto(page.base_url + "/konto/login/")
    page.locator("#id_login").fill(volunteer.email)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(page.base_url + "/arbeitsplatz/ehrenamt/")
    for path in ACCOUNT_PAGES:
        page.goto(page.base_url + path)

        axe(page, context=f"{path} ({language})")


def test_form_errors_have_no_axe_violations(page, axe):
    page.goto(page.base_url + "/konto/signup/")
    page.locator("#id_email").fill("keine-adresse")
    page.locator("main button[type=submit]").click()

    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert "id_email_error" in page.locator("#id_email").get_attribute("aria-describedby")
    axe(page, context="signup with errors")


@pytest.mark.parametrize("path", ["/", "/seite/datenschutz/", "/konto/signup/"])
def test_320_px_wide_screen_needs_no_horizontal_scrolling(browser, live_server, regions, path):
    context = browser.new_context(locale="de-DE", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + path)

    fits = _no_horizontal_scrolling(page)

    context.close()
    assert fits


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")

    focused = page.evaluate("() => document.activeElement.className")
    page.keyboard.press("Enter")

    assert focused == "skip-link"
    assert page.evaluate("() => document.activeElement.id") == "main"
