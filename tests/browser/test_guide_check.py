"""The Kooperations-Check end to end ("Done when" of the issue), plus the guide's episode
page with the two-click video consent. axe (WCAG 2.1 AA) on every page visited."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from ehrensache.guide.content import ensure_reference_data
from ehrensache.guide.demo import load_episodes
from ehrensache.guide.models import Episode
from tests.factories import OrganizationMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, axe, email, password):
    page.goto(page.base_url + "/konto/login/")
    axe(page)
    page.get_by_label("E-Mail").first.fill(email)
    page.get_by_label("Passwort").first.fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/arbeitsplatz/.+/$"))


def _answer(browser, axe, link, *, value, weak_value, save_first=False):
    """One person answers anonymously through their link: everything ``value``, the
    statements on conflicts ``weak_value``."""
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(link)
    axe(page, context="answer form")
    sections = page.locator("section.answer-section")
    for index in range(sections.count()):
        section = sections.nth(index)
        heading = section.locator("h2").inner_text()
        chosen = weak_value if heading == "Umgang mit Konflikten" else value
        fieldsets = section.locator("fieldset")
        for n in range(fieldsets.count()):
            fieldsets.nth(n).locator(f"input[value='{chosen}']").check()
        if save_first and index == 0:
            with page.expect_navigation():
                page.get_by_role("button", name="Zwischenspeichern").click()
            assert page.get_by_text("zwischengespeichert").is_visible()
            axe(page, context="answer form after saving")
            # The saved answers are still there after reload.
            assert section.locator(f"input[value='{chosen}']").first.is_checked()
    page.get_by_role("button", name="Antworten abschicken").click()
    page.wait_for_url(re.compile(r"/antworten/danke/$"))
    axe(page, context="thanks")
    page.goto(link)
    assert page.get_by_text("Mit diesem Link wurde schon geantwortet").is_visible()
    axe(page, context="used link")
    context.close()


def test_coordinator_runs_a_check_with_four_people(
    page, browser, axe, organization, password, settings
):
    settings.SITE_URL = page.base_url  # links in the invitation mails point to this server
    ensure_reference_data()
    load_episodes()
    coordinator = OrganizationMembershipFactory(
        organization=organization, user__email="koordination@example.org"
    ).user
    _login(page, axe, coordinator.email, password)
    axe(page, context="account dashboard")

    # The coordinator sets up a team and starts the first round.
    page.goto(page.base_url + "/kooperations-check/")
    axe(page)
    page.get_by_role("link", name="Team anlegen").click()
    axe(page)
    page.get_by_label("Name des Teams").fill("Hausaufgabenhilfe Marburg")
    page.get_by_label("Für wen ist das Team?").select_option(label=organization.name)
    page.get_by_label("Ihre eigene Gruppe im Team").select_option("hauptamt")
    page.get_by_role("button", name="Team anlegen").click()
    page.wait_for_url(re.compile(r"/kooperations-check/teams/\d+/$"))
    axe(page, context="team page")
    page.get_by_role("button", name="Erste Runde beginnen").click()
    page.wait_for_url(re.compile(r"/kooperations-check/runden/\d+/$"))
    round_url = page.url
    axe(page, context="round page")

    # Two links for Hauptamt to copy; two for Ehrenamt sent by e-mail.
    links = {}
    copy_form = page.locator("#copy-links-form")
    copy_form.get_by_label("Gruppe").select_option("hauptamt")
    copy_form.get_by_label("Anzahl der Links").fill("2")
    copy_form.get_by_role("button", name="Links erzeugen").click()
    page.wait_for_selector("#new-links")
    axe(page, context="links for Hauptamt")
    links["hauptamt"] = page.locator("#new-links a").all_inner_texts()

    mail_form = page.locator("#mail-links-form")
    mail_form.get_by_label("E-Mail-Adressen").fill("erika@example.net\nkein-at-zeichen")
    mail_form.get_by_label("Gruppe der Eingeladenen").select_option("ehrenamt")
    with page.expect_navigation():
        mail_form.get_by_role("button", name="Einladungen verschicken").click()
    axe(page, context="invitations with an invalid address")
    assert page.get_by_text("keine gültigen E-Mail-Adressen: kein-at-zeichen").is_visible()
    assert mail.outbox == []
    mail_form.get_by_label("E-Mail-Adressen").fill("erika@example.net\nfritz@example.net")
    with page.expect_navigation():
        mail_form.get_by_role("button", name="Einladungen verschicken").click()
    axe(page, context="invitations sent")
    expect(
        page.get_by_text("2 Einladungen mit eigenem Antwortlink sind verschickt.")
    ).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == ["erika@example.net", "fritz@example.net"]
    links["ehrenamt"] = [re.search(r"http\S+/antworten/\S+/", m.body).group(0) for m in mail.outbox]
    assert [len(set(v)) for v in links.values()] == [2, 2]
    results_url = round_url + "ergebnis/"

    def profile_shown():
        page.goto(results_url)
        axe(page, context="results")
        return page.locator("svg.profile-chart").count() == 1

    _answer(browser, axe, links["hauptamt"][0], value=4, weak_value=2, save_first=True)
    assert profile_shown() is False
    _answer(browser, axe, links["ehrenamt"][0], value=5, weak_value=1)
    assert profile_shown() is False
    assert page.get_by_text("Es fehlt noch 1 Antwort").is_visible()

    _answer(browser, axe, links["hauptamt"][1], value=4, weak_value=2)
    assert profile_shown() is True
    assert page.locator("#profile-table tbody tr").count() == 7
    assert page.locator("#summary").get_by_text("3 Personen haben geantwortet.").is_visible()

    _answer(browser, axe, links["ehrenamt"][1], value=3, weak_value=2)
    assert profile_shown() is True
    assert page.locator("#summary").get_by_text("4 Personen haben geantwortet.").is_visible()
    # 2 + 2 people: the groups stay together (fewer than 3 each).
    assert (
        page.locator("#summary")
        .get_by_text("Getrennte Ergebnisse für Haupt- und Ehrenamt")
        .is_visible()
    )

    # The weakest dimension is conflicts; its episodes are recommended first.
    first_group = page.locator("#episodes-heading ~ h3").first
    assert first_group.inner_text().startswith("Umgang mit Konflikten")
    recommended = page.locator("ul.recommended").first.locator("a").all_inner_texts()
    assert recommended == ["Folge 14: Wenn es knirscht", "Folge 15: Klären statt schweigen"]

    # Two measures for the plan.
    page.get_by_role("link", name="Plan bearbeiten").click()
    axe(page, context="plan")
    for title, owner, due in (
        ("Konfliktweg in drei Stufen vereinbaren", "Klaus (Koordination)", "2027-01-31"),
        ("Folge 14 im Teamtreffen ansehen", "Erika", "2026-12-15"),
    ):
        page.locator("#id_title").fill(title)
        page.get_by_label("Verantwortlich").fill(owner)
        page.get_by_label("Zu erledigen bis").fill(due)
        page.get_by_label("Zur Dimension").select_option("konflikte")
        with page.expect_navigation():
            page.get_by_role("button", name="Maßnahme hinzufügen").click()
        axe(page, context="plan after adding")
    assert page.locator("#measures tbody tr").count() == 2
    page.get_by_label("Status von „Folge 14 im Teamtreffen ansehen“").select_option("in_progress")
    with page.expect_navigation():
        page.locator("#measures tbody tr").first.get_by_role(
            "button", name="Status speichern"
        ).click()
    axe(page, context="plan after status")

    # The PDF for the next team meeting.
    page.goto(results_url)
    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name="Ergebnis und Plan als PDF für das nächste Teamtreffen"
        ).click()
    download = download_info.value
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000
    assert download.suggested_filename == "kooperations-check-runde-1.pdf"


def test_episode_page_loads_external_video_only_after_consent(page, axe, regions):
    ensure_reference_data()
    load_episodes()
    Episode.objects.filter(number=1).update(video_url="https://video.invalid/embed/demo")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(page.base_url + "/leitfaden/")
    axe(page, context="guide index")
    page.get_by_label("Situation").select_option(label="Konflikt im Team")
    page.get_by_role("button", name="Folgen anzeigen").click()
    assert page.locator("ul.cards > li").count() == 3
    axe(page, context="filtered index")

    page.goto(page.base_url + "/leitfaden/1-warum-wir-zusammenarbeiten/")
    axe(page, context="episode before consent")
    assert page.locator("iframe").count() == 0
    assert not [url for url in requests if "video.invalid" in url]

    page.get_by_role("button", name="Video laden").click()
    page.wait_for_selector("iframe.video-frame")
    assert page.locator("iframe").get_attribute("src") == "https://video.invalid/embed/demo"
    axe(page, context="episode after consent")

    page.get_by_role("link", name="Arbeitsblatt ansehen und drucken").click()
    axe(page, context="worksheet")
