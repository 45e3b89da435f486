"""The "Done when" journey of the courses issue, in Chromium, with axe on every page."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, user):
    """Give the browser a session of ``user`` (the login form has its own tests)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": page.base_url,
            }
        ]
    )


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_course_journey_from_creation_to_verified_certificate(page, axe, settings):
    from ehrensache.courses.models import Completion, Course, Registration, Session
    from tests.factories import AgencyFactory, AgencyMembershipFactory, UserFactory

    settings.SITE_URL = page.base_url
    agency = AgencyFactory(
        name="Freiwilligenagentur Marburg-Biedenkopf (Demo)", district_key="06534"
    )
    staff = AgencyMembershipFactory(agency=agency, user__display_name="Anna Agentur").user
    anna, ben, cara = (
        UserFactory(display_name="Anna Albers"),
        UserFactory(display_name="Ben Berger"),
        UserFactory(display_name="Cara Conrad"),
    )

    # The agency creates a course with 2 seats and publishes it.
    login(page, staff)
    page.goto(page.base_url + "/kurse/neu/")
    axe(page)
    page.get_by_label("Anbieter").select_option(label=agency.name)
    page.get_by_label("Titel").fill("Erste Hilfe für Engagierte (Demo)")
    page.get_by_label("Kategorie").select_option(label="Erste Hilfe")
    page.get_by_label("Beschreibung").fill("Erste-Hilfe-Grundkurs, 9 Unterrichtseinheiten.")
    page.get_by_label("Plätze").fill("2")
    page.get_by_label("Postleitzahl").fill("35037")
    page.get_by_label("Ort", exact=True).fill("Marburg")
    day = timezone.localdate() + timedelta(days=10)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Beginn (Uhrzeit)").fill("09:00")
    page.get_by_label("Ende (Uhrzeit)").fill("16:00")
    page.get_by_label("Unterrichtseinheiten (à 45 Minuten)").fill("9")
    page.get_by_role("button", name="Kurs anlegen").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    assert page.get_by_text("Der Kurs ist veröffentlicht.").is_visible()
    axe(page)
    course = Course.objects.get(title="Erste Hilfe für Engagierte (Demo)")

    # The public catalogue finds it.
    page.context.clear_cookies()
    page.goto(page.base_url + "/kurse/?q=Erste+Hilfe&plz=35037&radius=25")
    axe(page)
    page.get_by_role("link", name="Erste Hilfe für Engagierte (Demo)").click()
    axe(page)
    assert page.locator("aside dl dd strong").first.inner_text() == "2"  # free seats

    # Three people register; the third is waitlisted.
    for person in (anna, ben, cara):
        login(page, person)
        page.goto(page.base_url + course.get_absolute_url())
        page.locator("form[action$='/anmelden/'] button").click()
        axe(page)
    assert page.get_by_text("Position auf der Warteliste").is_visible()
    assert list(
        Registration.objects.filter(course=course).order_by("pk").values_list("status", flat=True)
    ) == ["confirmed", "confirmed", "waitlisted"]

    # Anna cancels; Cara gets the offer mail.
    mail.outbox.clear()
    login(page, anna)
    page.goto(page.base_url + course.get_absolute_url())
    page.get_by_role("link", name="Zu Ihrer Anmeldung").click()
    page.get_by_role("button", name="Vom Kurs abmelden").click()
    assert page.get_by_text("Sie sind vom Kurs abgemeldet.").is_visible()
    offer = [m for m in mail.outbox if m.to == [cara.email]]
    assert len(offer) == 1
    confirm_url = re.search(r"https?://\S+/kurse/anmeldungen/\d+/", offer[0].body).group(0)

    # Cara confirms and sees the course in her calendar feed.
    login(page, cara)
    page.goto(confirm_url)
    axe(page)
    page.get_by_role("button", name="Platz verbindlich annehmen").click()
    assert page.get_by_text("Platz bestätigt").first.is_visible()
    page.goto(page.base_url + "/arbeitsplatz/")
    axe(page)
    assert page.get_by_role("heading", name="Meine Kurse").is_visible()
    page.get_by_role("link", name="Meine Kurse als Kalender-Abo").click()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Kalender-Adresse erzeugen").click()
    axe(page)
    feed_url = page.locator("#feed-url").inner_text().strip()
    feed = page.request.get(feed_url)
    assert feed.ok
    assert "Erste Hilfe für Engagierte (Demo)" in feed.text().replace("\r\n ", "")

    # The agency moves the session by an hour into another room: Ben and Cara get a mail,
    # the feed shows the new time under the same UID with a higher SEQUENCE.
    mail.outbox.clear()
    login(page, staff)
    page.goto(page.base_url + f"/kurse/{course.pk}/verwalten/")
    page.get_by_role("link", name=re.compile(r"^Termin .* bearbeiten$")).click()
    axe(page, context="edit session")
    page.get_by_label("Datum").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Ort oder Raum").fill("Raum 2, Bürgerhaus Marburg")
    with page.expect_navigation():
        page.get_by_role("button", name="Termin speichern").click()
    axe(page, context="edit session with a date in the past")
    assert page.get_by_text("Ein Termin kann nicht in der Vergangenheit liegen.").is_visible()
    assert page.get_by_label("Ort oder Raum").input_value() == "Raum 2, Bürgerhaus Marburg"
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Beginn (Uhrzeit)").fill("10:00")
    page.get_by_label("Ende (Uhrzeit)").fill("17:00")
    page.get_by_label("Hinweise zum Termin").fill("Bitte bequeme Kleidung tragen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Termin speichern").click()
    assert page.get_by_text("Der Termin ist geändert.").is_visible()
    axe(page, context="manage after editing a session")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ben.email, cara.email])
    assert "Ort jetzt: Raum 2, Bürgerhaus Marburg" in mail.outbox[0].body
    moved = page.request.get(feed_url).text().replace("\r\n ", "")
    assert "SEQUENCE:1" in moved
    assert f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%d}T100000" in moved
    assert moved.count(f"UID:course-{course.pk}-session-") == 1
    page.goto(page.base_url + course.get_absolute_url())
    axe(page, context="course page with session notes")
    assert page.get_by_text("Bitte bequeme Kleidung tragen.").is_visible()

    # The course day passes (the session moves into the past).
    Session.objects.filter(course=course).update(
        starts_at=timezone.now() - timedelta(hours=8), ends_at=timezone.now() - timedelta(hours=1)
    )
    Course.objects.filter(pk=course.pk).update(
        starts_at=timezone.now() - timedelta(hours=8), ends_at=timezone.now() - timedelta(hours=1)
    )

    # Staff mark attendance on a phone and close the course.
    login(page, staff)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + f"/kurse/{course.pk}/verwalten/")
    page.get_by_role("link", name=re.compile("^Anwesenheit")).click()
    axe(page)
    page.get_by_label("Ben Berger").check()
    page.get_by_label("Cara Conrad").check()
    page.get_by_role("button", name="Anwesenheit speichern").click()
    assert page.get_by_text("Die Anwesenheit ist gespeichert.").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + f"/kurse/{course.pk}/verwalten/")
    page.get_by_role("button", name="Kurs abschließen und Bescheinigungen ausstellen").click()
    axe(page)
    assert page.get_by_text("2 Teilnahmebescheinigung(en) ausgestellt").is_visible()

    # The certificate PDF names Cara and her units; /verify/<code> confirms it.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF für Cara Conrad").click()
    text = pdf_text(download_info.value.path().read_bytes())
    assert "Cara Conrad" in text
    assert "9 von 9 UE" in text
    code = Completion.objects.get(person=cara).verification_code
    assert code in text
    page.context.clear_cookies()
    page.goto(page.base_url + f"/verify/{code}/")
    axe(page)
    assert page.get_by_text("Diese Bescheinigung ist echt.").is_visible()
    assert page.get_by_text("Cara Conrad").is_visible()
    assert cara.email not in page.content()


def test_other_course_pages_have_no_axe_violations(page, axe):
    from ehrensache.courses import services
    from tests.factories import (
        AgencyFactory,
        AgencyMembershipFactory,
        CourseFactory,
        OrganizationMembershipFactory,
        UserFactory,
    )

    agency = AgencyFactory(name="Freiwilligenzentrum Kassel (Demo)", district_key="06611")
    staff = AgencyMembershipFactory(agency=agency).user
    course = CourseFactory(agency=agency, capacity=1, title="Vereinsrecht kompakt (Demo)")
    people = [UserFactory() for _ in range(2)]
    registrations = [services.register_for_course(course, person=p) for p in people]
    coordinator = OrganizationMembershipFactory().user

    login(page, staff)
    for path in [
        "/kurse/verwalten/",
        f"/kurse/{course.pk}/bearbeiten/",
        f"/kurse/{course.pk}/teilnehmende/",
        f"/kurse/{course.pk}/teilnehmende/{registrations[1].pk}/",
        f"/kurse/{course.pk}/absagen/",
        "/verify/",
    ]:
        page.goto(page.base_url + path)
        axe(page, context=path)
    page.goto(page.base_url + f"/kurse/{course.pk}/teilnehmende/{registrations[1].pk}/")
    page.get_by_role("button", name="Verschieben").click()
    axe(page, context="move form with errors")
    assert page.get_by_text("Bitte prüfen Sie die markierten Angaben.").is_visible()

    login(page, coordinator)
    page.goto(page.base_url + f"/kurse/{course.pk}/anmelden-fuer/")
    axe(page, context="register other")
    page.goto(page.base_url + "/kurse/?plz=123&radius=25")
    axe(page, context="catalogue with errors")
