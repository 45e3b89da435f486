"""Group messages in Chromium with axe (1280 and 375 px): the coordinator writes to all 12
people of Saturday's shifts from the plan, previews and sends; the 12 mails arrive at a real
local SMTP server. One volunteer opts out through the link in her mail (no login); the next
group message skips her, while the cancellation of her shift still reaches her."""

import datetime as dt

import pytest
from django.utils import formats, timezone

from tests.browser.test_courses_journey import login
from tests.factories import ShiftFactory, ShiftPlanFactory, ShiftSignupFactory, UserFactory, in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _saturday() -> dt.datetime:
    start = in_days(1, 9)
    return start + dt.timedelta(days=(5 - start.weekday()) % 7 or 7)


def _write(page, axe, plan, day_label, subject, *, width=1280):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{page.base_url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Nachricht an alle auf den Diensten eines Tages").click()
    page.get_by_label("Tag").select_option(label=day_label)
    page.get_by_label("Betreff").fill(subject)
    page.get_by_label("Text").fill("Hallo {vorname}, Treffpunkt {ort} am {datum}.")
    axe(page, context=f"compose {width}")
    with page.expect_navigation():
        page.get_by_role("button", name="Vorschau ansehen").click()
    page.get_by_role("heading", name="Vorschau").wait_for()
    axe(page, context=f"preview {width}")
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt senden").click()
    page.get_by_text("Die Nachricht wird im Hintergrund").wait_for()
    axe(page, context=f"mailing detail {width}")


def test_write_to_saturday_opt_out_and_cancel(page, axe, organization, coordinator, smtp_inbox):
    saturday = _saturday()
    plan = ShiftPlanFactory(organization=organization, title="Sommerfest")
    shifts = [
        ShiftFactory(plan=plan, starts_at=saturday + dt.timedelta(hours=h), capacity=5)
        for h in (0, 3, 6)
    ]
    people = []
    for i, shift in enumerate(shifts):
        for n in range(4):
            person = UserFactory(email=f"samstag{i}{n}@example.org", display_name=f"Sam{i}{n} Stag")
            ShiftSignupFactory(shift=shift, person=person)
            people.append(person)
    day_label = formats.date_format(timezone.localdate(saturday), "D, d.m.Y")

    login(page, coordinator)
    _write(page, axe, plan, day_label, "Samstag beim Sommerfest")
    assert page.get_by_text("Sam00 Stag").is_visible()
    assert len(smtp_inbox.messages) == 12
    assert {str(m["To"]) for m in smtp_inbox.messages} == {p.email for p in people}

    # She opts out through the link in her mail, without signing in.
    [hers] = smtp_inbox.to(people[0].email)
    link = "".join(str(hers["List-Unsubscribe"]).split()).strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/{path}")
    axe(page, context="unsubscribe")
    with page.expect_navigation():
        page.get_by_role("button", name="Abbestellen").click()
    page.get_by_text("Sie bekommen keine Rundnachrichten mehr").wait_for()
    axe(page, context="unsubscribed")

    smtp_inbox.messages.clear()
    login(page, coordinator)
    _write(page, axe, plan, day_label, "Noch einmal Samstag", width=375)
    assert len(smtp_inbox.messages) == 11
    assert not smtp_inbox.to(people[0].email)
    page.get_by_role("link", name="Gesendete Rundnachrichten").first.click()
    axe(page, context="sent list 375")

    # The cancellation of her shift is essential: it reaches her.
    smtp_inbox.messages.clear()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{page.base_url}/dienste/{shifts[0].pk}/absagen/")
    axe(page, context="cancel shift")
    page.get_by_label("Grund für die Absage").fill("Sturmwarnung")
    with page.expect_navigation():
        page.get_by_role("button", name="Dienst absagen").click()
    page.get_by_text("Der Dienst ist abgesagt").wait_for()
    axe(page, context="plan after cancelling")
    assert smtp_inbox.to(people[0].email)
    assert len(smtp_inbox.messages) == 4

    # She can take the opt-out back in her account.
    login(page, people[0])
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{page.base_url}/konto/rundnachrichten/")
    axe(page, context="account group messages 375")
    with page.expect_navigation():
        page.get_by_role("button", name="Wieder erhalten").click()
    page.get_by_text("Sie erhalten wieder Rundnachrichten").wait_for()
