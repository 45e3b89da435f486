"""A coordinator starts an engagement from an interest, onboards with the § 72a inspection,
the volunteer logs hours on a phone, the coordinator verifies them. axe on every page."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ehrensache.brokering.models import Interest
from ehrensache.engagements.models import Engagement, HoursEntry, RecordCheck
from ehrensache.engagements.services import default_onboarding_template
from tests.brokering.factories import OpportunityFactory
from tests.factories import OrganizationFactory, OrganizationMembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )


def test_engagement_from_interest_to_verified_hours(page, axe, browser):
    organization = OrganizationFactory(name="Lesefreunde Marburg e.V. (Demo)")
    coordinator = OrganizationMembershipFactory(
        organization=organization, user__display_name="Klara Koordination"
    ).user
    volunteer = UserFactory(display_name="Vera Volunteer")
    opportunity = OpportunityFactory(organization=organization, title="Lesepatin in der Kita")
    now = timezone.now()
    interest = Interest.objects.create(
        opportunity=opportunity,
        volunteer=volunteer,
        status=Interest.Status.MEETING_AGREED,
        status_changed_at=now,
        created_at=now,
    )
    default_onboarding_template(organization)
    today = timezone.localdate()

    # Coordinator: start the engagement from the interest.
    login(page, coordinator)
    page.goto(f"{page.base_url}/koordination/engagements/neu/?interesse={interest.pk}")
    axe(page)
    page.get_by_label("Beginn").fill(today.isoformat())
    page.get_by_label("Erweitertes Führungszeugnis nötig").check()
    page.get_by_role("button", name="Engagement anlegen").click()
    page.wait_for_url(re.compile(r"/engagements/\d+/$"))
    axe(page)
    engagement = Engagement.objects.get()
    assert engagement.interest_id == interest.pk

    # Onboarding: tick the welcome talk.
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Erledigt.*Begrüßungsgespräch")).click()
    axe(page)
    assert engagement.onboarding_checks.get(title="Begrüßungsgespräch").done_on == today

    # § 72a: a certificate that is too old is refused, a fresh one recorded.
    old = today - timedelta(days=120)
    page.get_by_label("Ausstellungsdatum des Führungszeugnisses").fill(old.isoformat())
    page.get_by_label("Datum der Einsichtnahme").fill(today.isoformat())
    page.get_by_label("Nein").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Einsicht vermerken").click()
    axe(page)
    assert page.get_by_text("älter als 3 Monate").first.is_visible()
    assert RecordCheck.objects.count() == 0
    fresh = today - timedelta(days=10)
    page.get_by_label("Ausstellungsdatum des Führungszeugnisses").fill(fresh.isoformat())
    page.get_by_role("button", name="Einsicht vermerken").click()
    page.wait_for_url(re.compile(r"/engagements/\d+/$"))
    axe(page)
    assert RecordCheck.objects.get().issued_on == fresh

    # Volunteer on a phone: the quick form.
    phone = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 740})
    mobile = phone.new_page()
    mobile.base_url = page.base_url
    login(mobile, volunteer)
    mobile.goto(f"{page.base_url}/mein-engagement/stunden/")
    axe(mobile)
    mobile.get_by_label("Dauer in Stunden").fill("30")
    mobile.get_by_label("Tätigkeit").fill("Vorlesen")
    with mobile.expect_navigation():
        mobile.get_by_role("button", name="Eintragen").click()
    axe(mobile)
    assert mobile.get_by_text("höchstens 24 Stunden").first.is_visible()
    mobile.get_by_label("Dauer in Stunden").fill("1,5")
    mobile.get_by_role("button", name="Eintragen").click()
    mobile.wait_for_url(re.compile(r"/mein-engagement/$"))
    axe(mobile)
    assert HoursEntry.objects.get().minutes == 90
    phone.close()

    # Coordinator verifies in bulk.
    page.goto(f"{page.base_url}/koordination/stunden/")
    axe(page)
    page.get_by_label(re.compile("Vera Volunteer, .* auswählen")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Ausgewählte bestätigen").click()
    axe(page)
    assert HoursEntry.objects.get().verified_by == coordinator
    page.goto(f"{page.base_url}/koordination/engagements/")
    axe(page)
    login(page, volunteer)
    page.goto(f"{page.base_url}/mein-engagement/")
    axe(page)
    assert page.get_by_text("davon 1,50 bestätigt").first.is_visible()
