"""A volunteer takes their data with them and leaves: "Meine Daten herunterladen" gives one
JSON file, then the account is deleted after a wrong and a right password. axe on every page."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_volunteer_downloads_their_data_and_deletes_the_account(page, axe):
    person = UserFactory(email="ida@example.org", display_name="Ida Ehrenamt")
    page.goto(page.base_url + "/konto/login/")
    page.get_by_label("E-Mail").first.fill(person.email)
    page.get_by_label("Passwort").first.fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/arbeitsplatz/ehrenamt/$"))  # her own workspace
    with page.expect_navigation():
        page.get_by_role("link", name="Mein Konto").click()
    expect(page).to_have_url(re.compile(r"/konto/$"))
    axe(page, context="Mein Konto")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Meine Daten herunterladen").click()
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert "ida@example.org" in json.dumps(exported)
    assert download_info.value.suggested_filename.endswith(".json")

    page.get_by_role("link", name="Mein Konto löschen").click()
    expect(page.get_by_role("heading", name="Konto löschen")).to_be_visible()
    axe(page, context="delete account")
    page.get_by_label("Ihr Passwort").fill("falsch-falsch")
    page.get_by_label("Ja, ich möchte mein Konto und meine Daten endgültig löschen.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Konto endgültig löschen").click()
    axe(page, context="delete account, wrong password")
    assert get_user_model().objects.filter(email="ida@example.org").exists()

    page.get_by_label("Ihr Passwort").fill(PASSWORD)
    page.get_by_label("Ja, ich möchte mein Konto und meine Daten endgültig löschen.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Konto endgültig löschen").click()
    expect(page.get_by_text("Ihr Konto ist gelöscht.")).to_be_visible()
    axe(page, context="home after deletion")
    assert not get_user_model().objects.filter(email="ida@example.org").exists()
