"""Each registered kind of group: the right people, filters, who may write to it."""

import pytest
from django.utils import timezone

from ehrensache.brokering.models import Interest
from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.courses.models import Course, Registration
from ehrensache.mailings import audiences, services
from tests.factories import (
    CourseFactory,
    EngagementFactory,
    OpportunityFactory,
    OrganizationMembershipFactory,
    ShiftFactory,
    ShiftSignupFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _people(kind, obj, actor, choice=""):
    sender, recipients = services.group(audiences.get(kind), obj, choice=choice, actor=actor)
    return sender, {r.person for r in recipients}


def test_every_kind_is_registered():
    keys = {a.key for a in audiences.all_audiences()}
    assert {
        "shift",
        "shift-day",
        "interests",
        "engagements",
        "course-participants",
        "course-waitlist",
    } <= keys


def test_shift_and_day(plan, saturday, saturday_shifts, coordinator, organization):
    shifts, people = saturday_shifts
    sender, found = _people("shift", shifts[0], coordinator)
    assert found == set(people[:4])
    assert (sender.kind, sender.id) == ("organization", organization.pk)
    assert _people("shift-day", plan, coordinator, saturday)[1] == set(people)
    assert [value for value, _label in audiences.get("shift-day").choices(plan)][0] == saturday


def _interest(opportunity, status, person=None):
    now = timezone.now()
    return Interest.objects.create(
        opportunity=opportunity,
        volunteer=person or UserFactory(),
        status=status,
        status_changed_at=now,
        created_at=now,
    )


def test_interests_with_status_filter(organization, coordinator):
    opportunity = OpportunityFactory(organization=organization)
    new = _interest(opportunity, Interest.Status.NEW)
    contact = _interest(opportunity, Interest.Status.IN_CONTACT)
    declined = _interest(opportunity, Interest.Status.DECLINED)
    _interest(OpportunityFactory(organization=organization), Interest.Status.NEW)
    assert _people("interests", opportunity, coordinator, "open")[1] == {
        new.volunteer,
        contact.volunteer,
    }
    assert _people("interests", opportunity, coordinator, "declined")[1] == {declined.volunteer}


def test_interests_need_a_status(organization, coordinator):
    from ehrensache.core.errors import InvalidInput

    opportunity = OpportunityFactory(organization=organization)
    with pytest.raises(InvalidInput):
        _people("interests", opportunity, coordinator, "")


def test_active_engagements_filtered_by_opportunity(organization, coordinator):
    opportunity = OpportunityFactory(organization=organization, title="Lesepaten")
    reading = EngagementFactory(organization=organization, opportunity=opportunity)
    other = EngagementFactory(organization=organization)
    EngagementFactory(organization=organization, status="ended")
    EngagementFactory()  # another organization
    assert _people("engagements", organization, coordinator)[1] == {
        reading.volunteer,
        other.volunteer,
    }
    choices = audiences.get("engagements").choices(organization)
    assert choices == [(str(opportunity.pk), "Lesepaten")]
    assert _people("engagements", organization, coordinator, str(opportunity.pk))[1] == {
        reading.volunteer
    }


def test_course_participants_and_waiting_list(agency, agency_staff):
    course = CourseFactory(agency=agency)
    status = Registration.Status
    confirmed, offered, waiting, cancelled = (UserFactory() for _ in range(4))
    for person, state in (
        (confirmed, status.CONFIRMED),
        (offered, status.OFFERED),
        (waiting, status.WAITLISTED),
        (cancelled, status.CANCELLED),
    ):
        Registration.objects.create(
            course=course,
            person=person,
            status=state,
            waitlist_rank=1 if state in (status.WAITLISTED, status.OFFERED) else None,
            offer_expires_at=timezone.now() + timezone.timedelta(days=1)
            if state == status.OFFERED
            else None,
        )
    sender, found = _people("course-participants", course, agency_staff)
    assert found == {confirmed, offered}
    assert (sender.kind, sender.id) == ("agency", agency.pk)
    assert _people("course-waitlist", course, agency_staff)[1] == {waiting}


def test_organization_course_is_sent_as_the_organization(organization, coordinator):
    course = CourseFactory(
        provider_kind=Course.ProviderKind.ORGANIZATION, agency=None, organization=organization
    )
    assert _people("course-participants", course, coordinator)[0].kind == "organization"


@pytest.mark.parametrize("kind", ["shift", "engagements", "interests", "course-participants"])
def test_only_people_who_may_see_the_group_may_write(
    kind, organization, agency, volunteer, agency_staff, coordinator
):
    objects = {
        "shift": lambda: (
            ShiftSignupFactory(shift=ShiftFactory(plan__organization=organization)).shift
        ),
        "engagements": lambda: organization,
        "interests": lambda: OpportunityFactory(organization=organization),
        "course-participants": lambda: CourseFactory(agency=agency),
    }
    obj = objects[kind]()
    outsider = OrganizationMembershipFactory().user
    for person in (volunteer, outsider) + (
        (coordinator,) if kind.startswith("course") else (agency_staff,)
    ):
        with pytest.raises((Forbidden, NotFound)):
            services.group(
                audiences.get(kind), obj, choice="open" if kind == "interests" else "", actor=person
            )
