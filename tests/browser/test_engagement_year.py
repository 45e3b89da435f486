"""The "Done when" journey of the engagements issue: a year of an engagement in Chromium.

A volunteer finds an opportunity and says "Ich habe Interesse"; the coordinator moves the
interest along and records the engagement that began a year ago; onboarding with the § 72a
inspection; a year of hours logged (mostly on a phone) and confirmed in bulk; an
Engagementnachweis requested, issued, downloaded and checked on /verify/<code>/; the
Ehrenamts-Card of the volunteer's district shown as earned, with the reason, in German and
English. Only clicks and form fills after the set-up; axe on every page visited.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ehrensache.core.dates import add_months
from tests.browser.test_courses_journey import login, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
HOURS_PER_ENTRY = 22  # one larger entry a month: 12 × 22 h ≈ 5,1 h a week over the year
MONTHS = 12


@pytest.fixture
def open_as(browser, live_server):
    """A page in its own browser context, signed in as ``user`` (closed after the test)."""
    contexts = []

    def open_(user=None, *, viewport=None):
        context = browser.new_context(
            locale="de-DE", viewport=viewport or {"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.base_url = live_server.url
        if user is not None:
            login(page, user)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def checked(axe):
    """axe on the settled page, remembering every page checked (for the summary)."""
    pages = []

    def check(page, context=None):
        axe(page, context=context)
        pages.append(context or page.url)

    check.pages = pages
    return check


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def test_a_year_of_engagement(open_as, checked, settings, regions, organization, volunteer):
    from tests.factories import OpportunityFactory, OrganizationMembershipFactory
    from tests.recognition.factories import profile

    coordinator = OrganizationMembershipFactory(
        organization=organization, user__display_name="Klara Koordination"
    ).user
    opportunity = OpportunityFactory(
        organization=organization,
        title="Lesepatin in der Kita",
        description="Einmal in der Woche Kindern in der Kita vorlesen.",
    )
    # Vera lives in the Landkreis Gießen (E-Card: 1 year, 5 h a week, from 16).
    profile(volunteer, district_key="06531")
    today = timezone.localdate()
    began = add_months(today, -MONTHS) - timedelta(days=14)
    role = opportunity.title

    # 1. The volunteer finds the opportunity and says "Ich habe Interesse".
    vera = open_as(volunteer)
    settings.SITE_URL = vera.base_url  # the PDF's check address points at the live server
    vera.goto(vera.base_url + "/")
    checked(vera)
    click_and_wait(
        vera,
        vera.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name="Engagement finden"
        ),
    )
    checked(vera)
    vera.locator("#search-form [name=q]").fill("Lesepatin")
    vera.locator("#search-form [name=where]").fill("35037")
    click_and_wait(vera, vera.locator("#search-form button[type=submit]").first)
    checked(vera)
    click_and_wait(vera, vera.get_by_role("link", name=role).first)
    checked(vera)
    vera.get_by_label("Kurze Nachricht an die Einsatzstelle").fill(
        "Ich lese gern vor und habe dienstags Zeit."
    )
    click_and_wait(vera, vera.get_by_role("button", name="Ich habe Interesse"))
    checked(vera)
    expect(vera.locator("#interest-status")).to_contain_text("Neu")

    # 2. The coordinator answers from the inbox and records the engagement that began a
    #    year ago, straight from the interest.
    klara = open_as(coordinator)
    klara.goto(klara.base_url + "/arbeitsplatz/")
    checked(klara)
    click_and_wait(klara, klara.get_by_role("link", name="Anfragen und Vermittlungen"))
    checked(klara)
    click_and_wait(klara, klara.get_by_role("link", name="Vera Volunteer"))
    checked(klara)
    expect(klara.get_by_text("dienstags Zeit").first).to_be_visible()
    for status in ("In Kontakt", "Erstgespräch vereinbart"):
        klara.get_by_label(status).check()
        click_and_wait(klara, klara.get_by_role("button", name="Status speichern"))
        checked(klara)
        expect(klara.locator("#interest-status")).to_contain_text(status)
    click_and_wait(klara, klara.get_by_role("link", name="Engagement anlegen"))
    checked(klara)
    expect(klara.get_by_label("Aufgabe / Rolle")).to_have_value(role)
    klara.get_by_label("Tätigkeiten").fill("Vorlesen in der Kita, Bücherkiste pflegen")
    klara.get_by_label("Beginn").fill(began.isoformat())
    klara.get_by_label("Erweitertes Führungszeugnis nötig").check()
    click_and_wait(klara, klara.get_by_role("button", name="Engagement anlegen"))
    checked(klara)
    expect(klara.get_by_text("Das Engagement ist angelegt.")).to_be_visible()
    expect(klara.locator("dl.facts")).to_contain_text(f"{began:%d.%m.%Y} – unbefristet")
    expect(klara.locator("dl.facts")).to_contain_text("Aktiv")

    vera.goto(vera.base_url + "/arbeitsplatz/")
    checked(vera)
    click_and_wait(vera, vera.get_by_role("link", name="Meine Anfragen ansehen"))
    checked(vera)
    row = vera.get_by_role("row", name=re.compile(role))
    expect(row).to_contain_text("Engagement begonnen")

    # 3. Onboarding: steps ticked with the day they happened, § 72a inspected before the
    #    start. The form holds the four facts only: no file field, no multipart.
    for step, day in (
        ("Begrüßungsgespräch", began),
        ("Hinweise zum Datenschutz und zur Schweigepflicht", began),
        ("Vorstellung im Team", began + timedelta(days=7)),
    ):
        klara.get_by_label(f"Datum für „{step}“").fill(day.isoformat())
        click_and_wait(klara, klara.get_by_role("button", name=re.compile(f"Erledigt.*{step}")))
        checked(klara)
        checklist = klara.get_by_role("table", name="Schritte der Einarbeitung")
        expect(checklist.get_by_role("row", name=re.compile(step))).to_contain_text(
            f"{day:%d.%m.%Y}"
        )

    record_form = klara.locator("form[action$='/fuehrungszeugnis/']")
    assert record_form.locator("input[type=file]").count() == 0
    assert record_form.get_attribute("enctype") in (None, "application/x-www-form-urlencoded")
    fields = record_form.locator("input:not([type=hidden]), select, textarea")
    assert sorted(set(fields.evaluate_all("els => els.map(e => e.name)"))) == [
        "fz-inspected_on",
        "fz-issued_on",
        "fz-relevant_entry",
    ]
    inspected = began - timedelta(days=7)
    too_old = add_months(inspected, -4)
    klara.get_by_label("Ausstellungsdatum des Führungszeugnisses").fill(too_old.isoformat())
    klara.get_by_label("Datum der Einsichtnahme").fill(inspected.isoformat())
    record_form.get_by_label("Nein").check()
    click_and_wait(klara, klara.get_by_role("button", name="Einsicht vermerken"))
    checked(klara, "§ 72a refused")
    expect(klara.get_by_text("älter als 3 Monate").first).to_be_visible()
    expect(klara.get_by_label("Ausstellungsdatum des Führungszeugnisses")).to_have_value(
        too_old.isoformat()
    )
    expect(klara.get_by_label("Datum der Einsichtnahme")).to_have_value(inspected.isoformat())
    expect(record_form.get_by_label("Nein")).to_be_checked()
    issued = inspected - timedelta(days=20)
    klara.get_by_label("Ausstellungsdatum des Führungszeugnisses").fill(issued.isoformat())
    click_and_wait(klara, klara.get_by_role("button", name="Einsicht vermerken"))
    checked(klara)
    expect(klara.get_by_text("Die Einsicht in das Führungszeugnis ist vermerkt.")).to_be_visible()
    facts = klara.locator("section[aria-labelledby=record-check] dl.facts")
    expect(facts).to_contain_text(f"{inspected:%d.%m.%Y}")
    expect(facts).to_contain_text(f"{issued:%d.%m.%Y}")
    expect(facts).to_contain_text(f"{add_months(inspected, 60):%d.%m.%Y}")  # re-inspection

    # 4. A year of hours: the first on the engagement page, the others on a phone; one
    #    entry a month (larger ones, the month's total on one day).
    days = [today - timedelta(days=10 + 29 * k) for k in range(MONTHS)]
    assert all(began < day for day in days) and len({(d.year, d.month) for d in days}) >= 11
    click_and_wait(vera, row.get_by_role("link", name=role))
    checked(vera)
    click_and_wait(vera, vera.get_by_role("link", name=f"Zum Engagement „{role}“"))
    checked(vera)
    vera.get_by_label("Datum").fill(days[-1].isoformat())
    vera.get_by_label("Dauer in Stunden").fill(str(HOURS_PER_ENTRY))
    vera.get_by_label("Tätigkeit").fill("Vorlesen, Monatssumme")
    click_and_wait(vera, vera.get_by_role("button", name="Eintragen"))
    checked(vera)
    expect(vera.get_by_text("Die Stunden sind eingetragen.")).to_be_visible()

    phone = open_as(volunteer, viewport=PHONE)
    phone.goto(phone.base_url + "/mein-engagement/")
    checked(phone, "my engagement on a phone")
    click_and_wait(phone, phone.get_by_role("link", name="Stunden eintragen").first)
    checked(phone, "log hours on a phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_label("Datum").fill(days[-2].isoformat())
    phone.get_by_label("Dauer in Stunden").fill("30")
    phone.get_by_label("Tätigkeit").fill("Vorlesen, Monatssumme")
    click_and_wait(phone, phone.get_by_role("button", name="Eintragen"))
    checked(phone, "24 hours refused on a phone")
    expect(phone.get_by_text("Ein Tag hat höchstens 24 Stunden.").first).to_be_visible()
    expect(phone.get_by_label("Tätigkeit")).to_have_value("Vorlesen, Monatssumme")
    expect(phone.get_by_label("Datum")).to_have_value(days[-2].isoformat())
    phone.get_by_label("Dauer in Stunden").fill(str(HOURS_PER_ENTRY))
    click_and_wait(phone, phone.get_by_role("button", name="Eintragen"))
    checked(phone, "hours logged on a phone")
    expect(phone.get_by_text("Ihre Stunden sind eingetragen.")).to_be_visible()
    for day in reversed(days[:-2]):
        click_and_wait(phone, phone.get_by_role("link", name="Stunden eintragen").first)
        checked(phone, "log hours on a phone")
        phone.get_by_label("Datum").fill(day.isoformat())
        phone.get_by_label("Dauer in Stunden").fill(str(HOURS_PER_ENTRY))
        phone.get_by_label("Tätigkeit").fill("Vorlesen, Monatssumme")
        click_and_wait(phone, phone.get_by_role("button", name="Eintragen"))
        checked(phone, f"hours of {day} logged on a phone")
        expect(phone.get_by_text("Ihre Stunden sind eingetragen.")).to_be_visible()

    # Not confirmed yet: the E-Card page says why not.
    vera.goto(vera.base_url + "/arbeitsplatz/")
    checked(vera)
    click_and_wait(vera, vera.get_by_role("link", name="Zu Nachweisen und Anerkennung"))
    checked(vera)
    expect(vera.locator("#ecard-result")).to_contain_text(
        "Noch nicht: im Schnitt 0 statt mindestens 5 Stunden pro Woche"
    )

    # The coordinator confirms all of them at once.
    klara.goto(klara.base_url + "/arbeitsplatz/")
    checked(klara)
    click_and_wait(klara, klara.get_by_role("link", name="Stunden bestätigen"))
    checked(klara)
    boxes = klara.get_by_label(re.compile(r"Vera Volunteer, .* auswählen"))
    expect(boxes).to_have_count(MONTHS)
    for i in range(MONTHS):
        boxes.nth(i).check()
    click_and_wait(klara, klara.get_by_role("button", name="Ausgewählte bestätigen"))
    checked(klara)
    expect(klara.get_by_text(f"{MONTHS} Einträge sind bestätigt.")).to_be_visible()
    expect(klara.get_by_text("Alle Stunden sind bestätigt.")).to_be_visible()
    click_and_wait(
        klara, klara.get_by_role("main").get_by_role("link", name="Engagements", exact=True)
    )
    checked(klara)
    expect(klara.get_by_role("row", name=re.compile("Vera Volunteer"))).to_contain_text(role)

    # The volunteer's year on the phone: hours of this calendar year, all confirmed.
    this_year = HOURS_PER_ENTRY * sum(1 for day in days if day.year == today.year)
    phone.reload()
    checked(phone, "my hours on a phone")
    expect(
        phone.get_by_text(f"Insgesamt {this_year} Stunden, davon {this_year} bestätigt.")
    ).to_be_visible()

    # 5. Engagementnachweis: requested by the volunteer, issued by the coordinator,
    #    downloaded as PDF and checked on the public page printed on it.
    vera.reload()
    checked(vera)
    vera.get_by_label("Engagement (Pflichtfeld)").select_option(
        label=f"{role} – {organization.name}"
    )
    vera.get_by_label("Hinweis (optional)").fill("Für meine Bewerbung")
    click_and_wait(vera, vera.get_by_role("button", name="Nachweis anfragen"))
    checked(vera)
    expect(vera.get_by_text("Ihre Anfrage ist bei der Einsatzstelle.")).to_be_visible()

    klara.goto(klara.base_url + "/arbeitsplatz/")
    checked(klara)
    click_and_wait(klara, klara.get_by_role("link", name="Nachweise", exact=True))
    checked(klara)
    click_and_wait(
        klara, klara.get_by_role("button", name="Ausstellen und unterzeichnen – Vera Volunteer")
    )
    checked(klara)
    expect(klara.get_by_text("Der Engagementnachweis ist ausgestellt.")).to_be_visible()

    vera.reload()
    checked(vera)
    with vera.expect_download() as download:
        vera.get_by_role("link", name=re.compile("Nachweis als PDF")).click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    flat = re.sub(r"\s+", " ", text)
    assert organization.name in flat and role in flat and "Vera Volunteer" in flat
    assert f"Bestätigte Stunden {MONTHS * HOURS_PER_ENTRY}" in flat
    assert f"{began:%d.%m.%Y} – {today:%d.%m.%Y}" in flat
    assert "Klara Koordination" in flat
    code = re.search(r"Prüfcode ([A-Z0-9]+(?:-[A-Z0-9]+)+)", flat).group(1)
    check_url = f"{vera.base_url}/verify/{code}/"
    assert check_url in text.replace("\n", "")

    employer = open_as()  # anyone holding the paper, signed in or not
    employer.goto(check_url)
    checked(employer, "public check of the proof")
    expect(employer.get_by_role("status")).to_contain_text(
        f"Echt: Vera Volunteer war von {began:%d.%m.%Y} bis {today:%d.%m.%Y} "
        f"bei {organization.name} engagiert."
    )

    # 6. The Ehrenamts-Card of the Landkreis Gießen: earned, with the reason, in German
    #    and English.
    ecard = vera.locator("section[aria-labelledby=ecard-heading]")
    expect(ecard).to_contain_text("Ausgabestelle: Landkreis Gießen")
    expect(vera.locator("#ecard-result")).to_have_text(
        "Sie erfüllen die Voraussetzungen für die Ehrenamts-Card."
    )
    expect(ecard).to_contain_text(f"Engagiert seit {began:%d.%m.%Y} ({MONTHS} Monaten).")
    expect(ecard).to_contain_text(
        re.compile(rf"{MONTHS * HOURS_PER_ENTRY} bestätigte Stunden seit .*, im Schnitt 5,\d")
    )
    click_and_wait(vera, vera.get_by_role("button", name="English"))
    checked(vera, "recognition in English")
    expect(vera.locator("#ecard-result")).to_have_text(
        "You meet the requirements for the Ehrenamts-Card."
    )
    expect(ecard).to_contain_text(f"Engaged since {began:%d.%m.%Y} ({MONTHS} months).")
    print(f"\naxe: {len(checked.pages)} page checks, 0 violations")
