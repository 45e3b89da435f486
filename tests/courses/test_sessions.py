"""Sessions are edited in place: same calendar UID, higher SEQUENCE, a mail to everyone
registered when date, time or place change; no dates in the past."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ehrensache.core.calendars import renew_calendar_feed
from ehrensache.core.errors import DomainError, Forbidden, InvalidInput
from ehrensache.courses import services
from ehrensache.courses.models import Registration, Session
from tests.factories import AgencyMembershipFactory, CourseFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = Registration.Status


def _at(days, hour, minute=0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def course(agency):
    return CourseFactory(
        agency=agency,
        capacity=1,
        title="Vereinsrecht kompakt (Demo)",
        venue_name="Bürgerhaus",
        street="Am Markt 1",
        postal_code="35037",
        city="Marburg",
        sessions=[(_at(10, 18), 3, Decimal("4")), (_at(17, 18), 3, Decimal("4"))],
    )


@pytest.fixture
def first(course):
    return course.sessions.order_by("starts_at").first()


@pytest.fixture
def registered(course, people):
    """people[0] confirmed, people[1] waiting, people[2] cancelled."""
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    services.cancel_registration(regs[2], actor=people[2])
    return regs


def _events(body: bytes) -> dict:
    cal = Calendar.from_ical(body)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


# --- service --------------------------------------------------------------------------------


def test_moving_a_session_keeps_the_uid_raises_sequence_and_course_dates(
    course, first, staff, outbox
):
    uid_before = set(_events(services.calendars.course_calendar(course)))

    services.update_session(first, starts_at=_at(11, 9), ends_at=_at(11, 12), actor=staff)

    first.refresh_from_db()
    course.refresh_from_db()
    events = _events(services.calendars.course_calendar(course))
    moved = events[services.calendars.session_uid(first)]
    assert set(events) == uid_before
    assert (first.starts_at, first.ends_at, first.sequence) == (_at(11, 9), _at(11, 12), 1)
    assert moved.decoded("dtstart") == _at(11, 9)
    assert moved["sequence"] == 1
    assert course.starts_at == _at(11, 9)
    assert Session.objects.count() == 2


def test_everyone_registered_gets_a_mail_with_old_and_new_time(
    course, first, staff, people, registered, outbox
):
    outbox().clear()

    services.update_session(first, starts_at=_at(11, 9), ends_at=_at(11, 12), actor=staff)

    mails = outbox()
    assert sorted(m.to[0] for m in mails) == sorted([people[0].email, people[1].email])
    message = next(m for m in mails if m.to == [people[0].email])
    old, new = timezone.localtime(_at(10, 18)), timezone.localtime(_at(11, 9))
    assert message.subject == "Geänderter Termin: Vereinsrecht kompakt (Demo)"
    lines = message.body.splitlines()
    [before] = [line for line in lines if line.startswith("Bisher: ")]
    [after] = [line for line in lines if line.startswith("Jetzt: ")]
    assert before.endswith(f"{old:%d.%m.%Y} 18:00–21:00")
    assert after.endswith(f"{new:%d.%m.%Y} 09:00–12:00")
    assert "Ort bisher" not in message.body
    [(filename, ics, mimetype)] = message.attachments
    assert (filename, mimetype) == ("kurs.ics", "text/calendar; charset=utf-8")
    assert _events(ics)[services.calendars.session_uid(first)]["sequence"] == 1


def test_place_change_is_mailed_with_old_and_new_place(
    course, first, staff, people, registered, outbox
):
    outbox().clear()

    services.update_session(first, place="Raum 2, Stadthalle", actor=staff)

    mails = outbox()
    assert len(mails) == 2
    assert "Ort bisher: Bürgerhaus, Am Markt 1, 35037 Marburg" in mails[0].body
    assert "Ort jetzt: Raum 2, Stadthalle" in mails[0].body
    assert "Bisher:" not in mails[0].body


def test_going_online_is_a_place_change(course, first, staff, registered, outbox):
    outbox().clear()

    services.update_session(first, online_url="https://meet.example.org/verein", actor=staff)

    first.refresh_from_db()
    assert first.sequence == 1
    assert "Ort jetzt: https://meet.example.org/verein" in outbox()[0].body


def test_notes_change_raises_sequence_but_sends_no_mail(course, first, staff, registered, outbox):
    outbox().clear()

    services.update_session(first, notes="Bitte Satzung mitbringen.", actor=staff)

    first.refresh_from_db()
    event = _events(services.calendars.course_calendar(course))[
        services.calendars.session_uid(first)
    ]
    assert (first.notes, first.sequence) == ("Bitte Satzung mitbringen.", 1)
    assert "Bitte Satzung mitbringen." in str(event["description"])
    assert outbox() == []


def test_units_change_needs_no_new_sequence_and_no_mail(course, first, staff, registered, outbox):
    outbox().clear()

    services.update_session(first, teaching_units=Decimal("3.5"), actor=staff)

    first.refresh_from_db()
    assert (first.teaching_units, first.sequence) == (Decimal("3.5"), 0)
    assert outbox() == []


def test_saving_without_changes_changes_nothing(course, first, staff, registered, outbox):
    outbox().clear()

    services.update_session(first, starts_at=first.starts_at, place="", actor=staff)

    first.refresh_from_db()
    assert first.sequence == 0
    assert outbox() == []


def test_moving_the_first_date_rearms_the_reminder(course, first, staff, people, registered):
    Registration.objects.filter(course=course).update(reminder_sent_at=timezone.now())

    services.update_session(first, starts_at=_at(12, 18), ends_at=_at(12, 21), actor=staff)

    assert list(
        Registration.objects.filter(course=course).values_list("reminder_sent_at", flat=True)
    ) == [None, None, None]


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"starts_at": _at(-1, 18), "ends_at": _at(-1, 21)}, "date"),
        ({"starts_at": _at(11, 18), "ends_at": _at(11, 17)}, "ends_at"),
        ({"teaching_units": Decimal("0")}, "teaching_units"),
    ],
    ids=["past", "end-before-start", "no-units"],
)
def test_invalid_changes_are_refused_and_change_nothing(
    course, first, staff, registered, outbox, fields, field
):
    outbox().clear()

    with pytest.raises(InvalidInput) as exc:
        services.update_session(first, actor=staff, **fields)

    first.refresh_from_db()
    assert exc.value.field == field
    assert (first.starts_at, first.sequence) == (_at(10, 18), 0)
    assert outbox() == []


def test_session_that_has_begun_cannot_be_changed(course, first, staff):
    with pytest.raises(DomainError, match="hat schon begonnen"):
        services.update_session(
            first, place="Anderswo", actor=staff, now=first.starts_at + timedelta(minutes=5)
        )


def test_cancelled_course_sessions_cannot_be_changed(course, first, staff):
    services.cancel_course(course, reason="Krankheit", actor=staff)

    with pytest.raises(DomainError):
        services.update_session(first, place="Anderswo", actor=staff)


def test_new_sessions_cannot_lie_in_the_past(course, staff):
    with pytest.raises(InvalidInput) as exc:
        services.add_session(
            course,
            starts_at=_at(-2, 18),
            ends_at=_at(-2, 20),
            teaching_units=Decimal("2"),
            actor=staff,
        )

    assert exc.value.field == "date"
    assert course.sessions.count() == 2


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "outsider"])
def test_only_the_providers_staff_may_edit(
    course, first, other_agency, volunteer, coordinator, who
):
    actor = {
        "volunteer": volunteer,
        "coordinator": coordinator,
        "outsider": AgencyMembershipFactory(agency=other_agency).user,
    }[who]

    with pytest.raises(Forbidden):  # the course is published: seen, not managed
        services.update_session(first, place="Anderswo", actor=actor)

    first.refresh_from_db()
    assert first.place == ""


def test_cancelling_a_course_raises_every_sequence(course, staff):
    services.cancel_course(course, reason="Krankheit", actor=staff)

    assert list(course.sessions.values_list("sequence", flat=True)) == [1, 1]


# --- feed -----------------------------------------------------------------------------------


def test_personal_feed_shows_the_moved_session_under_the_same_uid(
    client, course, first, staff, people, registered
):
    token = renew_calendar_feed(people[0])
    url = reverse("core:calendar_feed", args=[token])
    before = _events(client.get(url).content)

    services.update_session(first, starts_at=_at(11, 9), ends_at=_at(11, 12), actor=staff)
    after = _events(client.get(url).content)

    uid = services.calendars.session_uid(first)
    assert set(after) == set(before)
    assert (before[uid]["sequence"], after[uid]["sequence"]) == (0, 1)
    assert after[uid].decoded("dtstart") == _at(11, 9)


# --- pages ----------------------------------------------------------------------------------


def _form(day, start="09:00", end="12:00", **extra):
    return {
        "date": day.isoformat(),
        "start": start,
        "end": end,
        "teaching_units": "4",
        "place": "",
        "online_url": "",
        "notes": "",
        **extra,
    }


def test_edit_page_shows_the_session_and_saves_changes(
    client, course, first, staff, registered, outbox
):
    client.force_login(staff)
    url = reverse("courses:edit_session", args=[course.pk, first.pk])
    outbox().clear()

    page = client.get(url)
    day = timezone.localdate() + timedelta(days=11)
    response = client.post(url, _form(day, notes="Laptop mitbringen"))

    first.refresh_from_db()
    assert page.context["form"]["start"].value().strftime("%H:%M") == "18:00"
    assert page.context["form"]["date"].value() == timezone.localdate() + timedelta(days=10)
    assert response["Location"] == reverse("courses:manage", args=[course.pk])
    assert (first.starts_at, first.notes) == (_at(11, 9), "Laptop mitbringen")
    assert len(outbox()) == 2


def test_edit_page_keeps_input_and_marks_the_date_in_the_past(client, course, first, staff):
    client.force_login(staff)
    url = reverse("courses:edit_session", args=[course.pk, first.pk])
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client.post(url, _form(yesterday, place="Raum 3"))

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["date"] == [
        "Ein Termin kann nicht in der Vergangenheit liegen. Bitte wählen Sie ein späteres Datum."
    ]
    assert form["place"].value() == "Raum 3"
    first.refresh_from_db()
    assert first.place == ""


def test_edit_page_end_before_start_is_a_form_error(client, course, first, staff):
    client.force_login(staff)
    url = reverse("courses:edit_session", args=[course.pk, first.pk])
    day = timezone.localdate() + timedelta(days=11)

    response = client.post(url, _form(day, start="12:00", end="09:00"))

    assert response.context["form"].errors["end"] == ["Das Ende muss nach dem Beginn liegen."]


def test_edit_page_is_for_the_providers_staff_only(
    client, course, first, staff, volunteer, coordinator, other_agency
):
    url = reverse("courses:edit_session", args=[course.pk, first.pk])
    outsider = AgencyMembershipFactory(agency=other_agency).user
    day = timezone.localdate() + timedelta(days=11)

    assert client.get(url).status_code == 302
    statuses = []
    for person in (volunteer, coordinator, outsider):
        client.force_login(person)
        statuses.append((client.get(url).status_code, client.post(url, _form(day)).status_code))
    client.force_login(staff)

    assert statuses == [(403, 403)] * 3
    assert client.get(url).status_code == 200
    first.refresh_from_db()
    assert first.starts_at == _at(10, 18)


def test_session_of_another_course_is_404(client, course, staff, agency):
    other = CourseFactory(agency=agency)
    client.force_login(staff)

    url = reverse("courses:edit_session", args=[course.pk, other.sessions.get().pk])

    assert client.get(url).status_code == 404


def test_manage_page_links_future_sessions_to_their_edit_page(client, course, first, staff):
    client.force_login(staff)

    page = client.get(reverse("courses:manage", args=[course.pk])).content.decode()

    assert reverse("courses:edit_session", args=[course.pk, first.pk]) in page


def test_add_session_in_the_past_keeps_input(client, course, staff):
    client.force_login(staff)
    yesterday = timezone.localdate() - timedelta(days=1)
    data = {f"session-{k}": v for k, v in _form(yesterday, place="Raum 9").items()}

    response = client.post(reverse("courses:manage", args=[course.pk]), data)

    form = response.context["session_form"]
    assert form.errors["date"][0].startswith("Ein Termin kann nicht in der Vergangenheit liegen.")
    assert form["place"].value() == "Raum 9"
    assert course.sessions.count() == 2


def test_change_mail_in_the_recipients_language(course, first, staff, people, registered, outbox):
    people[0].preferred_language = "en"
    people[0].save(update_fields=["preferred_language"])
    outbox().clear()

    services.update_session(first, place="Raum 2", actor=staff)

    message = next(m for m in outbox() if m.to == [people[0].email])
    assert message.subject == "Changed session: Vereinsrecht kompakt (Demo)"
    assert "Place now: Raum 2" in message.body


def test_change_mails_cost_the_same_queries_for_one_or_three_people(course, first, staff, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_of_a_move(days):
        with CaptureQueriesContext(connection) as captured:
            services.update_session(
                first, starts_at=_at(days, 9), ends_at=_at(days, 12), actor=staff
            )
        return len(captured)

    services.register_for_course(course, person=people[0])
    queries_of_a_move(11)  # warms caches (content types, …)
    first.refresh_from_db()
    with_one = queries_of_a_move(12)
    for person in people[1:3]:
        services.register_for_course(course, person=person)
    first.refresh_from_db()
    with_three = queries_of_a_move(13)

    assert with_one == with_three


# --- bounds: a session lies after the registration opens, dates stay in range ----------------


def test_session_before_registration_opens_is_refused(course, first, staff):
    course.registration_opens_at = _at(12, 8)
    course.save()
    with pytest.raises(InvalidInput) as refused:
        services.update_session(first, actor=staff, starts_at=_at(11, 18), ends_at=_at(11, 21))
    assert refused.value.field == "starts_at"
    with pytest.raises(InvalidInput):
        services.add_session(
            course, actor=staff, starts_at=_at(11, 18), ends_at=_at(11, 21), teaching_units=2
        )


def test_registration_cannot_open_after_the_first_session(course, staff):
    with pytest.raises(InvalidInput) as refused:
        services.update_course(course, data={"registration_opens_at": _at(30, 8)}, actor=staff)
    assert refused.value.field == "registration_opens_at"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30"])
def test_session_form_refuses_far_dates_and_keeps_them(client, course, first, staff, day):
    client.force_login(staff)
    url = reverse("courses:edit_session", kwargs={"pk": course.pk, "session_pk": first.pk})
    data = {"date": day, "start": "10:00", "end": "12:00", "teaching_units": "2"}
    response = client.post(url, data)
    assert response.status_code in (200, 422)
    assert f'value="{day}"' in response.content.decode()
    first.refresh_from_db()
    assert first.starts_at.year < 2100
