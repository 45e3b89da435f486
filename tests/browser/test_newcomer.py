"""A newcomer's first visit, as a person would do it: find the responsible agency for 35037,
open it, switch to English, sign up, confirm the e-mail, sign in, open "My account"."""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_finds_agency_signs_up_in_english_and_reaches_my_account(
    page, axe, regions, agency, password
):
    page.goto(page.base_url + "/")
    axe(page)

    page.get_by_label("Postleitzahl oder Ort", exact=True).fill("35037")
    page.get_by_role("button", name="Anlaufstelle finden").click()
    axe(page)
    page.get_by_role("link", name=agency.name).first.click()

    page.wait_for_url(re.compile(r"/anlaufstellen/"))
    assert page.locator("h1").inner_text() == agency.name
    axe(page)

    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page)

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Sign up"
    ).click()
    axe(page)
    page.get_by_label("Email").first.fill("newcomer@example.org")
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/konto/confirm-email/$"))
    axe(page)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Ehrensache] Please Confirm Your Email Address"
    confirm_url = re.search(r"http://\S+/konto/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(confirm_url)
    axe(page)
    page.locator("main button[type=submit]").click()

    page.wait_for_url(re.compile(r"/konto/login/"))
    page.get_by_label("Email").first.fill("newcomer@example.org")
    page.get_by_label("Password").first.fill(password)
    page.locator("main button[type=submit]").click()

    page.wait_for_url(page.base_url + "/arbeitsplatz/ehrenamt/")
    axe(page)
    page.goto(page.base_url + "/konto/")
    assert page.locator("h1").inner_text() == "My account"
    assert page.get_by_text("newcomer@example.org").first.is_visible()
    axe(page)
