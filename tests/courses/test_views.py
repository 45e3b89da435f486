import io
from datetime import datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ehrensache.core.calendars import renew_calendar_feed
from ehrensache.core.models import CalendarFeed
from ehrensache.core.tokens import new_token
from ehrensache.courses import services
from ehrensache.courses.models import Course, Registration
from tests.factories import AgencyMembershipFactory, CourseFactory, ShiftSignupFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = Registration.Status


def test_catalogue_lists_published_courses_only(client, agency):
    CourseFactory(agency=agency, title="Juleica-Grundkurs (Demo)")
    CourseFactory(agency=agency, title="Geheimer Entwurf", status=Course.Status.DRAFT)

    response = client.get(reverse("courses:catalogue"))

    titles = [c.title for c in response.context["page_obj"]]
    assert titles == ["Juleica-Grundkurs (Demo)"]


@pytest.mark.parametrize("n", [1, 3])
def test_catalogue_query_count_is_flat(client, agency, n, django_assert_num_queries):
    for _ in range(n):
        CourseFactory(agency=agency)

    with django_assert_num_queries(3):
        response = client.get(reverse("courses:catalogue"))

    assert response.status_code == 200


def test_catalogue_filters_text_category_free_and_dates(client, agency, people):
    full = CourseFactory(agency=agency, title="Erste Hilfe (Demo)", capacity=1)
    services.register_for_course(full, person=people[0])
    CourseFactory(agency=agency, title="Vereinsrecht kompakt (Demo)", category="association_law")
    late = CourseFactory(
        agency=agency,
        title="Erste Hilfe Auffrischung (Demo)",
        sessions=[(timezone.now() + timedelta(days=60), 3, Decimal("4"))],
    )

    def titles(**params):
        response = client.get(reverse("courses:catalogue"), params)
        return sorted(c.title for c in response.context["page_obj"])

    assert titles(q="erste hilfe") == ["Erste Hilfe (Demo)", "Erste Hilfe Auffrischung (Demo)"]
    assert titles(category="association_law") == ["Vereinsrecht kompakt (Demo)"]
    assert titles(free="on", q="Hilfe") == ["Erste Hilfe Auffrischung (Demo)"]
    in_50 = (timezone.localdate() + timedelta(days=50)).isoformat()
    assert titles(date_from=in_50) == [late.title]


def test_catalogue_radius_search(client, agency, other_agency):
    CourseFactory(agency=agency, title="Marburg (Demo)", latitude=50.81, longitude=8.77)
    CourseFactory(agency=other_agency, title="Kassel (Demo)", latitude=51.31, longitude=9.49)

    response = client.get(reverse("courses:catalogue"), {"plz": "35037", "radius": "25"})

    assert [c.title for c in response.context["page_obj"]] == ["Marburg (Demo)"]


def test_catalogue_bad_input_keeps_values_and_explains(client):
    response = client.get(
        reverse("courses:catalogue"), {"plz": "12", "radius": "25", "date_from": "kein-datum"}
    )

    assert response.status_code == 200
    assert "fünfstellige Postleitzahl" in response.content.decode()
    assert response.context["form"]["plz"].value() == "12"


def test_detail_shows_free_seats_and_waiting_list(client, course, people):
    for p in people[:3]:
        services.register_for_course(course, person=p)

    response = client.get(course.get_absolute_url())

    assert (response.context["free_seats"], response.context["course"].waiting_count) == (0, 1)


def test_draft_is_404_for_public_and_visible_for_staff(client, course, staff):
    course.status = Course.Status.DRAFT
    course.save()

    assert client.get(course.get_absolute_url()).status_code == 404
    client.force_login(staff)
    assert client.get(course.get_absolute_url()).status_code == 200


def test_register_page_flow_and_double_registration_message(client, course, volunteer):
    client.force_login(volunteer)

    first = client.post(reverse("courses:register", args=[course.pk]), follow=True)
    second = client.post(reverse("courses:register", args=[course.pk]), follow=True)

    assert "Ihr Platz ist bestätigt" in first.content.decode()
    assert "bereits angemeldet" in second.content.decode()
    assert course.registrations.count() == 1


def test_register_needs_login(client, course):
    response = client.post(reverse("courses:register", args=[course.pk]))

    assert response.status_code == 302
    assert "/konto/" in response["Location"]
    assert course.registrations.count() == 0


def test_registration_page_is_private(client, course, volunteer, people):
    registration = services.register_for_course(course, person=volunteer)
    client.force_login(people[0])

    assert client.get(reverse("courses:registration", args=[registration.pk])).status_code == 404
    assert client.post(reverse("courses:cancel", args=[registration.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


def test_confirm_offer_through_page(client, course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    services.cancel_registration(regs[0], actor=people[0])
    client.force_login(people[2])

    response = client.post(reverse("courses:confirm", args=[regs[2].pk]), follow=True)

    assert "Ihr Platz ist bestätigt" in response.content.decode()
    regs[2].refresh_from_db()
    assert regs[2].status == S.CONFIRMED


STAFF_PAGES = [
    ("courses:manage", lambda c: [c.pk]),
    ("courses:edit", lambda c: [c.pk]),
    ("courses:participants", lambda c: [c.pk]),
    ("courses:participants_csv", lambda c: [c.pk]),
    ("courses:cancel_course", lambda c: [c.pk]),
    ("courses:attendance", lambda c: [c.pk, c.sessions.first().pk]),
]


@pytest.mark.parametrize("name,args", STAFF_PAGES)
def test_staff_pages_for_staff_and_others(
    client, course, staff, volunteer, coordinator, other_agency, name, args
):
    url = reverse(name, args=args(course))
    outsider = AgencyMembershipFactory(agency=other_agency).user

    assert client.get(url).status_code == 302  # login first
    for person in (volunteer, coordinator, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 403  # the published course is public
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_participant_page_is_staff_only(client, course, staff, volunteer):
    registration = services.register_for_course(course, person=volunteer)
    url = reverse("courses:participant", args=[course.pk, registration.pk])
    client.force_login(volunteer)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_participants_query_count_is_flat(client, course, staff, n, django_assert_num_queries):
    course.capacity = 5
    course.save()
    for _ in range(n):
        services.register_for_course(course, person=UserFactory())
    client.force_login(staff)
    url = reverse("courses:participants", args=[course.pk])
    client.get(url)

    with django_assert_num_queries(9):
        client.get(url)


def test_participants_csv_content(client, course, staff, django_assert_num_queries):
    person = UserFactory(display_name="=HYPERLINK(1)", email="p@example.org")
    services.register_for_course(course, person=person)
    client.force_login(staff)

    response = client.get(reverse("courses:participants_csv", args=[course.pk]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")

    lines = body.strip().splitlines()
    assert lines[0].startswith("Name;E-Mail;Status")
    assert lines[1].startswith("'=HYPERLINK(1);p@example.org;Platz bestätigt")
    # the page's own download links: the same rows, typed in XLSX, a fixed number of queries
    url = reverse("courses:participants", args=[course.pk])
    assert b"?export=xlsx" in client.get(url).content
    with django_assert_num_queries(7):
        response = client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = [c.value for c in sheet[2]]
    assert row[:3] == ["'=HYPERLINK(1)", "p@example.org", "Platz bestätigt"]
    assert isinstance(row[4], datetime)


def test_create_course_page(client, agency, agency_staff):
    client.force_login(agency_staff)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {
        "provider": f"agency:{agency.pk}",
        "title": "Vereinsrecht (Demo)",
        "category": "association_law",
        "description": "Haftung, Satzung, Gemeinnützigkeit.",
        "capacity": "12",
        "fee": "0",
        "postal_code": "35037",
        "city": "Marburg",
        "completion_percent": "80",
        "session-date": day,
        "session-start": "18:00",
        "session-end": "21:00",
        "session-teaching_units": "4",
    }

    response = client.post(reverse("courses:create"), data)

    course = Course.objects.get(title="Vereinsrecht (Demo)")
    assert response.status_code == 302
    assert (course.agency, course.status, course.sessions.count()) == (agency, "draft", 1)


def test_create_course_bad_input_keeps_values(client, agency, agency_staff):
    client.force_login(agency_staff)

    response = client.post(
        reverse("courses:create"),
        {
            "provider": f"agency:{agency.pk}",
            "title": "Kurs ohne Platz",
            "capacity": "0",
            "postal_code": "12",
        },
    )

    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Kurs ohne Platz"
    assert Course.objects.count() == 0


def test_create_course_with_foreign_provider_is_refused(client, other_agency, agency_staff):
    client.force_login(agency_staff)

    response = client.post(
        reverse("courses:create"), {"provider": f"agency:{other_agency.pk}", "title": "x"}
    )

    assert response.status_code == 200
    assert "provider" in response.context["form"].errors


def test_create_page_403_for_volunteer(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("courses:create")).status_code == 403
    assert client.get(reverse("courses:manage_list")).status_code == 403


def test_attendance_close_certificate_and_verify(client, agency, people):
    start = timezone.now() - timedelta(days=2)
    course = CourseFactory(agency=agency, sessions=[(start, 4, Decimal("6"))])
    staff = AgencyMembershipFactory(agency=agency).user
    reg = Registration.objects.create(course=course, person=people[0], status=S.CONFIRMED)
    client.force_login(staff)
    session = course.sessions.first()

    client.post(reverse("courses:attendance", args=[course.pk, session.pk]), {"present": [reg.pk]})
    client.post(reverse("courses:close", args=[course.pk]))
    pdf = client.get(reverse("courses:certificate", args=[reg.pk]))

    assert pdf["Content-Type"] == "application/pdf"
    code = reg.completion.verification_code
    page = client.get(reverse("courses:verify", args=[code])).content.decode()
    assert people[0].display_name in page
    assert people[0].email not in page
    assert (
        "keine Bescheinigung"
        in client.get(reverse("courses:verify", args=["XXXX"])).content.decode()
    )


def test_certificate_is_private(client, agency, people):
    start = timezone.now() - timedelta(days=2)
    course = CourseFactory(agency=agency, sessions=[(start, 4, Decimal("6"))])
    staff = AgencyMembershipFactory(agency=agency).user
    reg = Registration.objects.create(course=course, person=people[0], status=S.CONFIRMED)
    services.record_attendance(course.sessions.first(), present_ids=[reg.pk], actor=staff)
    services.close_course(course, actor=staff)
    client.force_login(people[1])

    assert client.get(reverse("courses:certificate", args=[reg.pk])).status_code == 404


def test_feed_lists_confirmed_courses_and_renewing_kills_old_url(client, course, volunteer):
    """The old course feed address works as an alias of the personal calendar feed."""
    services.register_for_course(course, person=volunteer)
    token = renew_calendar_feed(volunteer)

    body = client.get(reverse("courses:feed", args=[token])).content.decode()
    renew_calendar_feed(volunteer)

    assert course.title in body
    assert client.get(reverse("courses:feed", args=[token])).status_code == 404


def test_old_course_feed_address_still_serves_only_courses(client, course, volunteer):
    services.register_for_course(course, person=volunteer)
    ShiftSignupFactory(person=volunteer)
    raw, token_hash = new_token()
    CalendarFeed.objects.create(person=volunteer, token_hash=token_hash, source="courses")

    cal = Calendar.from_ical(client.get(reverse("courses:feed", args=[raw])).content)

    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == [course.title]
    assert str(cal["x-wr-calname"]) == "Meine Kurse"


def test_catalogue_ics(client, course):
    response = client.get(reverse("courses:catalogue_ics"))

    assert response["Content-Type"].startswith("text/calendar")
    assert f"UID:course-{course.pk}-session-" in response.content.decode()


def test_dashboard_section_shows_position_and_offer(client, course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:4]]
    client.force_login(people[3])

    page = client.get(reverse("courses:mine")).content.decode()

    assert "Meine Kurse" in page
    assert "Warteliste, Platz 2" in page
    assert reverse("core:calendar") in page
    assert regs


def test_old_my_calendar_address_redirects_to_the_personal_calendar(client, volunteer):
    client.force_login(volunteer)

    response = client.get(reverse("courses:my_calendar"))

    assert response.status_code == 301
    assert response["Location"] == reverse("core:calendar")


def test_move_through_page_requires_reason(client, course, staff, people):
    regs = [services.register_for_course(course, person=p) for p in people[:4]]
    client.force_login(staff)
    url = reverse("courses:participant", args=[course.pk, regs[3].pk])

    bad = client.post(url, {"form": "move", "move-action": "top", "move-reason": ""})
    good = client.post(url, {"form": "move", "move-action": "top", "move-reason": "Vorrang"})

    assert bad.status_code == 200
    assert good.status_code == 302
    regs[3].refresh_from_db()
    assert regs[3].waitlist_rank < Registration.objects.get(pk=regs[2].pk).waitlist_rank


def test_catalogue_in_english(client, course):
    client.cookies["ehrensache_language"] = "en"

    page = client.get(reverse("courses:catalogue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Courses for volunteers" in page
    assert "First aid" in page


def test_offer_mail_in_recipients_language(outbox, course, people):
    people[2].preferred_language = "en"
    people[2].save()
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    outbox().clear()

    services.cancel_registration(regs[0], actor=people[0])

    assert outbox()[0].subject.startswith("A seat is free:")
