"""Starting an engagement from the interest page of the pipeline, also one that began earlier."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ehrensache.brokering.models import Interest
from ehrensache.engagements.models import Engagement
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START_LINK = "Engagement anlegen"


@pytest.fixture
def interest(organization, volunteer):
    now = timezone.now()
    return Interest.objects.create(
        opportunity=OpportunityFactory(organization=organization, title="Lesepatin"),
        volunteer=volunteer,
        status=Interest.Status.MEETING_AGREED,
        status_changed_at=now,
        created_at=now,
    )


def _interest_page(client, user, interest):
    client.force_login(user)
    response = client.get(reverse("brokering:interest", args=[interest.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_coordinator_finds_the_start_on_the_interest_page(client, coordinator, interest):
    html = _interest_page(client, coordinator, interest)

    assert f'href="/koordination/engagements/neu/?interesse={interest.pk}"' in html
    assert START_LINK in html


@pytest.mark.parametrize(
    "status", [Interest.Status.NEW, Interest.Status.DECLINED, Interest.Status.WITHDRAWN]
)
def test_no_start_where_the_pipeline_does_not_allow_it(client, coordinator, interest, status):
    Interest.objects.filter(pk=interest.pk).update(status=status)

    html = _interest_page(client, coordinator, interest)

    assert "?interesse=" not in html


def test_volunteer_sees_no_start_but_the_engagement_once_it_exists(
    client, coordinator, volunteer, interest, organization
):
    assert "?interesse=" not in _interest_page(client, volunteer, interest)
    engagement = Engagement.objects.create(
        volunteer=volunteer,
        organization=organization,
        interest=interest,
        role="Lesepatin",
        start=timezone.localdate(),
        created_by=coordinator,
    )

    for user in (volunteer, coordinator):
        html = _interest_page(client, user, interest)
        assert engagement.get_absolute_url() in html
        assert "?interesse=" not in html


def test_engagement_that_began_a_year_ago_is_recorded_from_the_interest(
    client, coordinator, interest
):
    began = timezone.localdate() - timedelta(days=380)
    client.force_login(coordinator)
    form = client.get(reverse("engagements:start") + f"?interesse={interest.pk}")
    assert "rückwirkend" in form.content.decode()

    response = client.post(
        reverse("engagements:start"),
        {
            "interest": interest.pk,
            "role": "Lesepatin",
            "start": began.isoformat(),
            "programme": "none",
        },
    )

    engagement = Engagement.objects.get()
    interest.refresh_from_db()
    assert response.status_code == 302
    assert (engagement.start, engagement.status, engagement.interest) == (
        began,
        Engagement.Status.ACTIVE,
        interest,
    )
    assert interest.status == Interest.Status.STARTED


def test_referring_agency_sees_the_interest_but_not_the_engagement(
    client, agency, agency_staff, coordinator, volunteer, interest, organization
):
    Interest.objects.filter(pk=interest.pk).update(agency=agency, referred_by=agency_staff)
    engagement = Engagement.objects.create(
        volunteer=volunteer,
        organization=organization,
        interest=interest,
        role="Lesepatin",
        start=timezone.localdate(),
        created_by=coordinator,
    )

    html = _interest_page(client, agency_staff, interest)

    assert engagement.get_absolute_url() not in html
    assert "?interesse=" not in html


def test_first_engagement_gets_the_usual_onboarding_steps(volunteer, organization, coordinator):
    from ehrensache.engagements.services import start_engagement

    engagement = start_engagement(
        organization,
        volunteer=volunteer,
        role="Lesepatin",
        start=timezone.localdate(),
        actor=coordinator,
    )

    titles = list(engagement.onboarding_checks.values_list("title", flat=True))
    assert titles[0] == "Begrüßungsgespräch" and "Erste-Hilfe-Kurs" in titles


def test_checklist_emptied_by_the_organization_stays_empty(volunteer, organization, coordinator):
    from ehrensache.engagements.models import OnboardingItem
    from ehrensache.engagements.services import default_onboarding_template, start_engagement

    OnboardingItem.objects.filter(template=default_onboarding_template(organization)).delete()

    engagement = start_engagement(
        organization,
        volunteer=volunteer,
        role="Lesepatin",
        start=timezone.localdate(),
        actor=coordinator,
    )

    assert not engagement.onboarding_checks.exists()
