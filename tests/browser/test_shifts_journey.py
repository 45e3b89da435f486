"""Shifts in Chromium, axe on every page: a coordinator plans, a volunteer signs up and then
says "ich kann nicht"."""

import pytest
from django.utils import timezone

from tests.browser.test_courses_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_and_cannot_attend(page, axe, organization, coordinator, volunteer):
    day = timezone.localdate() + timezone.timedelta(days=10)
    login(page, coordinator)
    page.goto(f"{page.base_url}/einsatzstellen/{organization.slug}/dienste/")
    axe(page)
    page.get_by_label("Titel").fill("Sommerfest")
    page.get_by_role("button", name="Dienstplan anlegen").click()
    axe(page, context="plan")
    page.locator("#id_slot-title").fill("Kuchenstand")
    page.locator("#id_slot-starts_at").fill(f"{day.isoformat()}T14:00")
    page.locator("#id_slot-ends_at").fill(f"{day.isoformat()}T16:00")
    page.locator("#id_slot-capacity").fill("1")
    page.get_by_role("button", name="Dienst anlegen").click()
    assert page.get_by_text("Der Dienst ist angelegt.").is_visible()
    plan_url = page.url

    login(page, volunteer)
    page.goto(plan_url)
    axe(page, context="plan as volunteer")
    page.get_by_role("button", name="Eintragen").click()
    assert page.get_by_text("Sie sind eingetragen. Danke!").is_visible()
    assert page.get_by_text("1 von 1").is_visible()
    page.goto(f"{page.base_url}/dienste/")
    axe(page, context="my shifts")
    page.get_by_role("button", name="Ich kann nicht").click()
    assert page.get_by_text("Die Koordination ist informiert.").is_visible()
    assert page.get_by_text("Sie sind für keinen kommenden Dienst eingetragen.").is_visible()
    axe(page, context="after cancelling")
