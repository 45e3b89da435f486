from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from ehrensache.audit.queries import history_of
from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.courses import services
from ehrensache.courses.models import Completion, Course, Registration
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    CourseFactory,
    OrganizationMembershipFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = Registration.Status


def statuses(course):
    return list(course.registrations.order_by("pk").values_list("status", flat=True))


def test_register_confirms_until_full_then_waitlists_in_order(outbox, course, people):
    results = [services.register_for_course(course, person=p) for p in people[:4]]

    assert [r.status for r in results] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    assert [r.waitlist_rank for r in results[2:]] == [1, 2]
    assert len(outbox()) == 4
    assert outbox()[0].attachments[0][0] == "kurs.ics"
    filename, content, mimetype = outbox()[0].attachments[0]
    assert (filename, mimetype) == ("kurs.ics", "text/calendar; charset=utf-8")
    assert "BEGIN:VEVENT" in (content.decode() if isinstance(content, bytes) else content)
    assert "Warteliste" in outbox()[2].subject


def test_register_twice_is_refused_and_changes_nothing(course, volunteer):
    services.register_for_course(course, person=volunteer)

    with pytest.raises(DomainError) as exc:
        services.register_for_course(course, person=volunteer)

    assert exc.value.code == "already_registered"
    assert statuses(course) == [S.CONFIRMED]


def test_database_refuses_second_active_registration(course, volunteer):
    Registration.objects.create(course=course, person=volunteer, status=S.CONFIRMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(course=course, person=volunteer, status=S.CONFIRMED)


def test_register_after_window_is_refused(course, volunteer):
    course.registration_closes_at = timezone.now() - timedelta(hours=1)
    course.save()

    with pytest.raises(DomainError) as exc:
        services.register_for_course(course, person=volunteer)

    assert exc.value.code == "window_closed"
    assert statuses(course) == []


def test_register_before_window_is_refused(course, volunteer):
    course.registration_opens_at = timezone.now() + timedelta(days=1)
    course.save()

    with pytest.raises(DomainError) as exc:
        services.register_for_course(course, person=volunteer)

    assert exc.value.code == "window_not_open"


def test_register_for_past_course_is_refused(agency, volunteer):
    past = CourseFactory(
        agency=agency, sessions=[(timezone.now() - timedelta(days=3), 4, Decimal("4"))]
    )

    with pytest.raises(DomainError) as exc:
        services.register_for_course(past, person=volunteer)

    assert exc.value.code == "course_started"
    assert statuses(past) == []


def test_register_for_cancelled_course_is_refused(course, volunteer):
    course.status = Course.Status.CANCELLED
    course.save()

    with pytest.raises(DomainError) as exc:
        services.register_for_course(course, person=volunteer)

    assert exc.value.code == "course_cancelled"


def test_register_for_draft_is_refused(course, volunteer):
    course.status = Course.Status.DRAFT
    course.save()

    with pytest.raises(DomainError):
        services.register_for_course(course, person=volunteer)


def test_cancellation_offers_seat_to_first_waiting_person(outbox, course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:4]]
    outbox().clear()

    services.cancel_registration(regs[0], actor=people[0])

    assert statuses(course) == [S.CANCELLED, S.CONFIRMED, S.OFFERED, S.WAITLISTED]
    offered = Registration.objects.get(pk=regs[2].pk)
    hours = (offered.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 47.9 < hours <= 48
    assert [m.to for m in outbox()] == [[people[2].email]]
    assert "/kurse/anmeldungen/" in outbox()[0].body


def test_offer_hours_per_course(course, people):
    course.offer_hours = 12
    course.save()
    regs = [services.register_for_course(course, person=p) for p in people[:3]]

    services.cancel_registration(regs[0], actor=people[0])

    offered = Registration.objects.get(pk=regs[2].pk)
    assert 11.9 < (offered.offer_expires_at - timezone.now()).total_seconds() / 3600 <= 12


def test_confirm_offer_takes_the_seat(course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    services.cancel_registration(regs[1], actor=people[1])

    services.confirm_offer(regs[2], actor=people[2])

    assert statuses(course) == [S.CONFIRMED, S.CANCELLED, S.CONFIRMED]


def test_confirm_expired_offer_is_refused_and_changes_nothing(course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    services.cancel_registration(regs[1], actor=people[1])
    later = timezone.now() + timedelta(hours=49)

    with pytest.raises(DomainError) as exc:
        services.confirm_offer(regs[2], actor=people[2], now=later)

    assert exc.value.code == "offer_expired"
    assert statuses(course) == [S.CONFIRMED, S.CANCELLED, S.OFFERED]


def test_confirm_someone_elses_offer_is_not_found(course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    services.cancel_registration(regs[1], actor=people[1])

    with pytest.raises(DomainError):
        services.confirm_offer(regs[2], actor=people[0])

    assert statuses(course) == [S.CONFIRMED, S.CANCELLED, S.OFFERED]


def test_expired_offer_passes_to_next_person(outbox, course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:4]]
    services.cancel_registration(regs[0], actor=people[0])
    outbox().clear()

    expired = services.expire_offers(now=timezone.now() + timedelta(hours=49))
    again = services.expire_offers(now=timezone.now() + timedelta(hours=49))

    assert (expired, again) == (1, 0)
    assert statuses(course) == [S.CANCELLED, S.CONFIRMED, S.EXPIRED, S.OFFERED]
    assert sorted(m.to[0] for m in outbox()) == sorted([people[2].email, people[3].email])


def test_cancel_after_deadline_is_refused(course, volunteer):
    registration = services.register_for_course(course, person=volunteer)
    course.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    course.save()

    with pytest.raises(DomainError) as exc:
        services.cancel_registration(registration, actor=volunteer)

    assert exc.value.code == "deadline_passed"
    assert statuses(course) == [S.CONFIRMED]


def test_waiting_person_may_leave_after_deadline(course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    course.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    course.save()

    services.cancel_registration(regs[2], actor=people[2])

    assert statuses(course) == [S.CONFIRMED, S.CONFIRMED, S.CANCELLED]


def test_register_again_after_cancelling(course, volunteer):
    first = services.register_for_course(course, person=volunteer)
    services.cancel_registration(first, actor=volunteer)

    second = services.register_for_course(course, person=volunteer)

    assert second.status == S.CONFIRMED
    assert statuses(course) == [S.CANCELLED, S.CONFIRMED]


def test_staff_moves_waiting_person_to_top_with_reason(course, staff, people):
    regs = [services.register_for_course(course, person=p) for p in people[:5]]

    services.move_registration(regs[4], action="top", reason="Juleica läuft ab", actor=staff)

    waiting = list(
        course.registrations.filter(status=S.WAITLISTED)
        .order_by("waitlist_rank")
        .values_list("person_id", flat=True)
    )
    assert waiting == [people[4].pk, people[2].pk, people[3].pk]
    event = history_of(regs[4]).first()
    assert (event.action, event.data["reason"], event.actor, event.subject_person) == (
        "courses.registration.moved_to_top",
        "Juleica läuft ab",
        staff,
        people[4],
    )


def test_staff_cannot_confirm_into_full_course(course, staff, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]

    with pytest.raises(DomainError) as exc:
        services.move_registration(regs[2], action="confirm", reason="dringend", actor=staff)

    assert exc.value.code == "course_full"
    assert statuses(course) == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]


def test_staff_confirms_after_raising_capacity(course, staff, people):
    regs = [services.register_for_course(course, person=p) for p in people[:4]]
    data = {"capacity": 3}

    services.update_course(course, data=data, actor=staff)
    course.refresh_from_db()

    # Raising the capacity offers the new seat to the first waiting person.
    assert statuses(course) == [S.CONFIRMED, S.CONFIRMED, S.OFFERED, S.WAITLISTED]
    services.move_registration(
        regs[2], action="confirm", reason="telefonisch zugesagt", actor=staff
    )
    assert statuses(course) == [S.CONFIRMED, S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]


def test_move_needs_reason(course, staff, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]

    with pytest.raises(InvalidInput):
        services.move_registration(regs[2], action="top", reason=" ", actor=staff)


def test_other_agency_staff_may_not_move(course, other_agency, people):
    outsider = AgencyMembershipFactory(agency=other_agency).user
    regs = [services.register_for_course(course, person=p) for p in people[:3]]

    with pytest.raises(NotFound):  # someone else's registration at someone else's course
        services.move_registration(regs[2], action="top", reason="x", actor=outsider)


def test_staff_removes_person_with_reason_and_mail(outbox, course, staff, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    outbox().clear()

    services.cancel_registration(regs[0], actor=staff, reason="Doppelt angemeldet")

    assert statuses(course) == [S.CANCELLED, S.CONFIRMED, S.OFFERED]
    assert "Doppelt angemeldet" in outbox()[0].body


def test_coordinator_registers_member_of_own_organization(course, coordinator, organization):
    colleague = OrganizationMembershipFactory(organization=organization).user

    registration = services.register_for_course(
        course, person=colleague, actor=coordinator, on_behalf_of=organization
    )

    assert (registration.status, registration.on_behalf_of, registration.registered_by) == (
        S.CONFIRMED,
        organization,
        coordinator,
    )


def test_coordinator_may_not_register_strangers(course, coordinator, organization, volunteer):
    with pytest.raises(Forbidden):
        services.register_for_course(
            course, person=volunteer, actor=coordinator, on_behalf_of=organization
        )

    assert statuses(course) == []


def test_close_course_issues_certificates_by_completion_rule(agency, people):
    start = timezone.now() - timedelta(days=3)
    course = CourseFactory(
        agency=agency,
        capacity=5,
        sessions=[(start, 4, Decimal("4")), (start + timedelta(days=1), 4, Decimal("4"))],
    )
    staff = AgencyMembershipFactory(agency=agency).user
    regs = [
        Registration.objects.create(course=course, person=p, status=S.CONFIRMED) for p in people[:3]
    ]
    first, second = course.sessions.all()
    services.record_attendance(first, present_ids=[regs[0].pk, regs[1].pk], actor=staff)
    services.record_attendance(second, present_ids=[regs[0].pk], actor=staff)

    completions = services.close_course(course, actor=staff)

    assert [c.person for c in completions] == [people[0]]
    assert (completions[0].teaching_units, completions[0].total_units) == (
        Decimal("8"),
        Decimal("8"),
    )
    course.refresh_from_db()
    assert course.status == Course.Status.CLOSED
    assert Completion.objects.filter(person=people[1]).count() == 0


def test_completion_percent_lower_rule(agency, people):
    start = timezone.now() - timedelta(days=3)
    course = CourseFactory(
        agency=agency,
        completion_percent=50,
        sessions=[(start, 4, Decimal("4")), (start + timedelta(days=1), 4, Decimal("4"))],
    )
    staff = AgencyMembershipFactory(agency=agency).user
    reg = Registration.objects.create(course=course, person=people[0], status=S.CONFIRMED)
    services.record_attendance(course.sessions.first(), present_ids=[reg.pk], actor=staff)

    completions = services.close_course(course, actor=staff)

    assert completions[0].teaching_units == Decimal("4")
    assert completions[0].hours == Decimal("3.0")


def test_close_before_last_session_is_refused(course, staff):
    with pytest.raises(DomainError):
        services.close_course(course, actor=staff)

    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED


def test_attendance_for_non_participant_is_refused(course, staff, people):
    reg = services.register_for_course(course, person=people[0])

    with pytest.raises(InvalidInput):
        services.record_attendance(course.sessions.first(), present_ids=[reg.pk + 999], actor=staff)

    assert course.sessions.first().attendances.count() == 0


def test_cancel_course_cancels_everyone_and_mails(outbox, course, staff, people):
    [services.register_for_course(course, person=p) for p in people[:3]]
    outbox().clear()

    services.cancel_course(course, reason="Referentin erkrankt", actor=staff)

    assert statuses(course) == [S.CANCELLED] * 3
    assert len(outbox()) == 3
    assert "Referentin erkrankt" in outbox()[0].body


def test_reminders_go_out_once_two_days_before(outbox, agency, people):
    soon = CourseFactory(
        agency=agency, sessions=[(timezone.now() + timedelta(days=1), 3, Decimal("4"))]
    )
    later = CourseFactory(
        agency=agency, sessions=[(timezone.now() + timedelta(days=5), 3, Decimal("4"))]
    )
    services.register_for_course(soon, person=people[0])
    services.register_for_course(later, person=people[1])
    outbox().clear()

    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert [m.to for m in outbox()] == [[people[0].email]]
    assert "Erinnerung" in outbox()[0].subject


def test_create_course_needs_provider_staff(agency, volunteer, agency_staff):
    data = {
        "title": "Vereinsrecht (Demo)",
        "description": "x",
        "category": "association_law",
        "capacity": 10,
        "postal_code": "35037",
    }
    session = {
        "starts_at": timezone.now() + timedelta(days=9),
        "ends_at": timezone.now() + timedelta(days=9, hours=3),
        "teaching_units": Decimal("4"),
    }

    with pytest.raises(Forbidden):
        services.create_course(
            provider_kind="agency", agency=agency, data=data, first_session=session, actor=volunteer
        )
    with pytest.raises(Forbidden):  # staff of one provider cannot offer as another
        services.create_course(
            provider_kind="agency",
            agency=AgencyFactory(),
            data=data,
            first_session=session,
            actor=agency_staff,
        )
    course = services.create_course(
        provider_kind="agency", agency=agency, data=data, first_session=session, actor=agency_staff
    )

    assert (course.status, course.sessions.count(), course.district.key) == ("draft", 1, "06534")
    assert course.starts_at == session["starts_at"]


def test_network_course_by_network_staff(network_staff):
    from ehrensache.regions.models import State

    data = {
        "title": "Netzwerktreffen (Demo)",
        "description": "x",
        "category": "coordination",
        "capacity": 10,
        "is_online": True,
    }

    course = services.create_course(
        provider_kind="network",
        network_state=State.objects.get(code="06"),
        data=data,
        first_session=None,
        actor=network_staff,
    )

    assert course.provider_name.endswith("Hessen")


def test_provider_constraint_rejects_two_providers(agency, organization):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(
            provider_kind="agency",
            agency=agency,
            organization=organization,
            title="x",
            description="x",
            category="other",
            capacity=1,
        )


def test_ics_uids_are_stable(course):
    from ehrensache.courses.calendars import course_calendar

    assert course_calendar(course) == course_calendar(course)
    assert f"course-{course.pk}-session-".encode() in course_calendar(course)


def test_periodic_jobs_are_registered_and_run(outbox, course, people):
    from ehrensache.core.scheduling import periodic_jobs
    from ehrensache.courses.tasks import expire_course_offers, send_course_reminders

    assert {expire_course_offers, send_course_reminders} <= set(periodic_jobs())
    assert expire_course_offers.call() == 0
    assert send_course_reminders.call() == 0


def test_demo_catalogue_loads_twice_without_duplicates(agency, other_agency):
    from ehrensache.courses import demo

    demo.load(out=lambda *_: None)
    demo.load(out=lambda *_: None)

    titles = list(Course.objects.filter(is_demo=True).values_list("title", flat=True))
    assert len(titles) == len(demo.COURSES) == len(set(titles))
    assert all(t.endswith("(Demo)") for t in titles)
    juleica = Course.objects.get(title="Juleica-Grundkurs (Demo)")
    total = sum(s.teaching_units for s in juleica.sessions.all())
    assert total * 45 / 60 >= 40  # at least 40 hours
    assert juleica.agency == agency  # the Marburg agency


def test_demo_without_agencies_is_skipped(db):
    from ehrensache.agencies.models import Agency
    from ehrensache.courses import demo

    Agency.objects.filter(is_demo=True).update(is_demo=False)
    messages = []

    demo.load(out=messages.append)

    assert messages == ["courses: no demo agencies, skipped"]
