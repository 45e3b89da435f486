"""A world with something waiting in every panel: ``fill(n)`` adds n items of each kind."""

import datetime as dt

import pytest
from django.utils import timezone

from ehrensache.brokering.models import Interest
from ehrensache.courses.models import Registration
from ehrensache.engagements.models import OnboardingCheck
from ehrensache.organizations.models import Organization
from tests.factories import (
    CourseFactory,
    EngagementFactory,
    HoursEntryFactory,
    OpportunityFactory,
    OrganizationFactory,
    RecordCheckFactory,
    ShiftFactory,
    ShiftPlanFactory,
    ShiftSignupFactory,
    UserFactory,
)


@pytest.fixture
def fill(organization, agency, volunteer):
    """``fill(n)``: n of every waiting thing for the organization, the agency (which is
    responsible for the organization's region) and the volunteer; returns the oldest ones."""
    organization.responsible_agency = agency
    organization.save(update_fields=["responsible_agency"])

    def build(n: int) -> dict:
        now = timezone.now()
        today = timezone.localdate()
        opportunity = OpportunityFactory(organization=organization, title="Lesepate")
        referred_to = OpportunityFactory(organization=organization, title="Vorlesen im Heim")
        plan = ShiftPlanFactory(organization=organization, title="Sommerfest")
        course = CourseFactory(agency=agency, title="Erste Hilfe")
        org_course = CourseFactory(
            provider_kind="organization",
            organization=organization,
            agency=None,
            title="Einarbeitung",
        )
        oldest = {}
        for i in range(n):
            person = UserFactory(display_name=f"Person {i:02d}")
            age = dt.timedelta(days=30 - i % 20, minutes=i)
            interest = Interest.objects.create(
                opportunity=opportunity,
                volunteer=person,
                status=Interest.Status.NEW,
                created_at=now - dt.timedelta(days=8) - age,
                status_changed_at=now - dt.timedelta(days=8) - age,
            )
            Interest.objects.create(
                opportunity=referred_to,
                volunteer=person,
                agency=agency,
                status=Interest.Status.NEW,
                created_at=now - dt.timedelta(days=9) - age,
                status_changed_at=now - dt.timedelta(days=9) - age,
            )
            engagement = EngagementFactory(
                volunteer=person if i else volunteer,
                organization=organization,
                start=today - dt.timedelta(days=400 + i),
                requires_record_check=True,
            )
            HoursEntryFactory(engagement=engagement)
            OnboardingCheck.objects.create(engagement=engagement, title=f"Schritt {i}")
            RecordCheckFactory(
                engagement=engagement,
                issued_on=today - dt.timedelta(days=5 * 365 - 20 + i),
                inspected_on=today - dt.timedelta(days=5 * 365 - 30 + i),
            )
            ShiftFactory(plan=plan, title=f"Dienst {i}", capacity=3)
            for c in (course, org_course):
                Registration.objects.create(
                    course=c,
                    person=person if i else volunteer,
                    status=Registration.Status.OFFERED,
                    waitlist_rank=i + 1,
                    offer_expires_at=now + dt.timedelta(days=1 + i),
                )
            OrganizationFactory(
                name=f"Neuer Verein {i:02d} e.V.",
                status=Organization.Status.PENDING,
                responsible_agency=agency,
            )
            alone = OrganizationFactory(
                name=f"Verein ohne Koordination {i:02d} e.V.", responsible_agency=agency
            )
            Interest.objects.create(  # the agency holds it: nobody coordinates the organization
                opportunity=OpportunityFactory(organization=alone, title=f"Garten {i:02d}"),
                volunteer=person,
                status=Interest.Status.NEW,
                routed_to=Interest.Route.AGENCY,
                routed_agency=agency,
                created_at=now - dt.timedelta(days=2) - age,
                status_changed_at=now - dt.timedelta(days=2) - age,
            )
            if i == 0:
                oldest["interest"] = interest
        signup_shift = ShiftFactory(plan=plan, title="Mein Dienst", capacity=1)
        ShiftSignupFactory(shift=signup_shift, person=volunteer)
        return oldest

    return build
