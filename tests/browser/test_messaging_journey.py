"""A conversation in Chromium with axe: the coordinator's dashboard shows a new interest
nobody has answered for a week, she opens it from there and answers it on its page,
the volunteer gets the mail (a real local SMTP server), replies to it by mail
(``manage.py receive_mail``), and the reply appears in the conversation; inbox and thread
pages at 1280 and 375 px."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ehrensache.brokering.models import Interest
from tests.browser.test_courses_journey import login
from tests.factories import OpportunityFactory
from tests.messaging.test_inbound import reply_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _inbound(settings):
    settings.EHRENSACHE = {
        **settings.EHRENSACHE,
        "INBOUND_ADDRESS": "antwort+{token}@ehrensache.example",
    }


def test_answer_in_the_conversation_and_reply_by_mail(
    page, axe, organization, coordinator, volunteer, smtp_inbox
):
    eight_days_ago = timezone.now() - timedelta(days=8)
    interest = Interest.objects.create(
        opportunity=OpportunityFactory(organization=organization, title="Lesepatenschaft"),
        volunteer=volunteer,
        message="Ich lese gern vor.",
        status_changed_at=eight_days_ago,
        created_at=eight_days_ago,
    )

    login(page, coordinator)
    page.goto(f"{page.base_url}/arbeitsplatz/")  # the workspace of her one organization
    panel = page.get_by_role("region", name="Neue Anfragen, seit über 7 Tagen ohne Antwort")
    item = panel.get_by_role("link", name=f"{volunteer}: Lesepatenschaft")
    item.wait_for()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page, context=f"coordinator dashboard {width}")
    with page.expect_navigation():
        item.click()
    assert page.url.endswith(f"/anfragen/{interest.pk}/")
    page.get_by_role("heading", name="Unterhaltung").wait_for()
    axe(page, context="interest with conversation")
    page.get_by_label("Ihre Nachricht").fill("Wie schön! Passt Dienstag um 16 Uhr?")
    with page.expect_navigation():
        page.get_by_role("button", name="Nachricht senden").click()
    assert page.get_by_text("Ihre Nachricht ist gesendet.").is_visible()
    assert page.get_by_text("Wie schön! Passt Dienstag um 16 Uhr?").is_visible()
    axe(page, context="interest after writing")

    [mail] = smtp_inbox.to(volunteer.email)
    assert "Wie schön! Passt Dienstag um 16 Uhr?" in mail.get_body(("plain",)).get_content()
    raw = reply_to(mail, sender=volunteer.email, text="Dienstag passt, bis dann!")
    call_command("receive_mail", stdin=io.BytesIO(raw), stdout=io.StringIO())

    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}/nachrichten/")
        page.get_by_role("link", name="Lesepatenschaft").wait_for()
        axe(page, context=f"inbox {width}")
        page.get_by_role("link", name="Lesepatenschaft").click()
        page.get_by_text("Dienstag passt, bis dann!").wait_for()
        assert page.get_by_text("per E-Mail").is_visible()
        axe(page, context=f"thread {width}")

    # The volunteer sees the whole conversation on the interest page.
    login(page, volunteer)
    page.goto(f"{page.base_url}/anfragen/{interest.pk}/")
    page.get_by_text("Dienstag passt, bis dann!").wait_for()
    axe(page, context="interest as volunteer")


def test_empty_message_shows_an_error_and_keeps_the_page(page, axe, organization, coordinator):
    from tests.factories import EngagementFactory, UserFactory

    engagement = EngagementFactory(
        volunteer=UserFactory(email="lena@example.org"), organization=organization
    )
    login(page, coordinator)
    page.goto(f"{page.base_url}/engagements/{engagement.pk}/")
    page.get_by_label("Ihre Nachricht").fill("   ")
    with page.expect_navigation():
        page.get_by_role("button", name="Nachricht senden").click()
    page.get_by_text("Bitte schreiben Sie eine Nachricht.").first.wait_for()
    axe(page, context="write error")
