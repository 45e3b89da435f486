"""Workspaces in the browser: a coordinator and agency staff sign in, land on their
dashboard, see what waits at 1280 px and on a phone (375 px, 320 px: no horizontal scroll,
the menu folds into "Menü"), and switch workspaces with the keyboard alone."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ehrensache.brokering.models import Interest
from ehrensache.organizations.models import Organization
from tests.factories import (
    AgencyMembershipFactory,
    OpportunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email, password):
    page.goto(page.base_url + "/konto/login/")
    page.get_by_label("E-Mail").first.fill(email)
    page.get_by_label("Passwort").first.fill(password)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/arbeitsplatz/.+/$"))


def _no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


@pytest.fixture
def world(organization, agency, password):
    organization.responsible_agency = agency
    organization.save()
    coordinator = OrganizationMembershipFactory(
        organization=organization,
        user__email="klara@example.org",
        user__display_name="Klara Koordination",
    ).user
    AgencyMembershipFactory(user=coordinator, agency=agency)  # two roles
    staff = AgencyMembershipFactory(agency=agency, user__email="anna@example.org").user
    opportunity = OpportunityFactory(organization=organization, title="Lesepatin")
    long_ago = timezone.now() - dt.timedelta(days=10)
    Interest.objects.create(
        opportunity=opportunity,
        volunteer=UserFactory(display_name="Vera Volunteer"),
        created_at=long_ago,
        status_changed_at=long_ago,
    )
    OrganizationFactory(
        name="Neuer Sportverein e.V.", status=Organization.Status.PENDING, responsible_agency=agency
    )
    return {"coordinator": coordinator, "staff": staff}


def test_coordinator_sees_the_dashboard_and_switches_with_the_keyboard(
    page, axe, world, organization, agency, password
):
    _sign_in(page, "klara@example.org", password)

    assert page.url.endswith(f"/arbeitsplatz/einsatzstelle/{organization.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(organization.name)
    expect(page.locator("#interests")).to_contain_text("Vera Volunteer: Lesepatin")
    workspace_nav = page.get_by_role("navigation", name="Mein Arbeitsplatz")
    expect(workspace_nav.get_by_role("link", name="Eingang")).to_be_visible()
    axe(page, context="coordinator dashboard 1280")

    # The switcher: Tab to it, open it with Enter, follow the agency's link with Enter.
    summary = workspace_nav.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    agency_link = workspace_nav.get_by_role("link", name=re.compile("Anlaufstelle"))
    expect(agency_link).to_be_visible()
    axe(page, context="switcher open")
    agency_link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/arbeitsplatz/agentur/{agency.pk}/")
    expect(page.locator("#to-confirm")).to_contain_text("Neuer Sportverein e.V.")
    expect(
        page.get_by_role("navigation", name="Mein Arbeitsplatz").get_by_role(
            "link", name="Beratung"
        )
    ).to_be_visible()

    # On a phone the navigation folds into "Menü" (a <details>, no JavaScript needed).
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(page.base_url + f"/arbeitsplatz/einsatzstelle/{organization.pk}/")
        _no_horizontal_scroll(page)
        menu = page.locator("details.site-menu > summary")
        expect(menu).to_be_visible()
        expect(page.get_by_role("link", name="Eingang")).to_have_count(0)
        menu.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("link", name="Eingang")).to_be_visible()
        _no_horizontal_scroll(page)
        axe(page, context=f"coordinator dashboard {width}")


def test_agency_staff_see_their_dashboard_on_desktop_and_phone(page, axe, world, agency, password):
    _sign_in(page, "anna@example.org", password)

    assert page.url.endswith(f"/arbeitsplatz/agentur/{agency.pk}/")
    expect(page.locator("#to-confirm")).to_contain_text("Neuer Sportverein e.V.")
    axe(page, context="agency dashboard 1280")
    page.get_by_role("navigation", name="Mein Arbeitsplatz").get_by_role(
        "link", name="Einsatzstellen bestätigen"
    ).click()
    expect(page.get_by_text("Neuer Sportverein e.V.").first).to_be_visible()

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + f"/arbeitsplatz/agentur/{agency.pk}/")
    _no_horizontal_scroll(page)
    axe(page, context="agency dashboard 375")
