"""The one personal calendar feed: courses and shifts in one iCalendar, hash-only storage."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from icalendar import Calendar

from ehrensache.core import calendars
from ehrensache.core.models import CalendarFeed
from ehrensache.core.tokens import hash_token, new_token
from ehrensache.courses.calendars import session_uid
from ehrensache.courses.services import register_for_course
from ehrensache.shifts.calendars import shift_uid
from tests.factories import CourseFactory, ShiftSignupFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BERLIN = ZoneInfo("Europe/Berlin")


def _fetch(client, token, prefix="/kalender/"):
    response = client.get(f"{prefix}{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_page_needs_login(client):
    response = client.get("/kalender/")

    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_looking_at_the_page_makes_no_address(client, volunteer):
    client.force_login(volunteer)

    response = client.get("/kalender/")

    assert "Kalender-Adresse erzeugen" in response.content.decode()
    assert response.context["feed_url"] is None
    assert not CalendarFeed.objects.exists()


def test_address_is_shown_once_and_only_its_hash_is_stored(client, volunteer):
    client.force_login(volunteer)

    created = client.post("/kalender/")
    feed_url = created.context["feed_url"]
    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    later = client.get("/kalender/").content.decode()

    assert feed_url == f"http://testserver/kalender/{token}.ics"
    assert "no-store" in created["Cache-Control"]
    assert f'<code id="feed-url">{feed_url}</code>' in created.content.decode()
    assert f'href="webcal://testserver/kalender/{token}.ics"' in created.content.decode()
    feed = CalendarFeed.objects.get()
    assert (feed.person, feed.source, feed.token_hash) == (volunteer, "", hash_token(token))
    assert token not in later
    assert "Neue Adresse erzeugen (alte sperren)" in later
    assert "noch nicht abgerufen" in later


def test_renewing_replaces_every_address_of_the_person_only(client, volunteer):
    others_token = calendars.renew_calendar_feed(UserFactory())
    first = calendars.renew_calendar_feed(volunteer)
    legacy, legacy_hash = new_token()
    CalendarFeed.objects.create(person=volunteer, token_hash=legacy_hash, source="shifts")
    client.force_login(volunteer)

    page = client.get("/kalender/").content.decode()
    second = client.post("/kalender/").context["feed_url"].rsplit("/", 1)[1][:-4]

    assert "nur Dienste, seit dem" in page
    assert client.get(f"/kalender/{first}.ics").status_code == 404
    assert client.get(f"/dienste/kalender/{legacy}.ics").status_code == 404
    _fetch(client, second)
    _fetch(client, others_token)
    assert CalendarFeed.objects.filter(person=volunteer).count() == 1
    assert CalendarFeed.objects.count() == 2


def test_one_personal_feed_per_person_in_the_database(volunteer):
    CalendarFeed.objects.create(person=volunteer, token_hash=new_token()[1])

    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarFeed.objects.create(person=volunteer, token_hash=new_token()[1])


def test_feed_has_courses_and_shifts_with_uids_dtstamp_and_time_zone(client, volunteer):
    course = CourseFactory(title="Erste Hilfe (Demo)")
    register_for_course(course, person=volunteer)
    signup = ShiftSignupFactory(person=volunteer, shift__title="Kuchenstand")
    ShiftSignupFactory()  # someone else's shift
    register_for_course(CourseFactory(title="Fremder Kurs"), person=UserFactory())
    token = calendars.renew_calendar_feed(volunteer)

    cal = _fetch(client, token)
    again = _fetch(client, token)

    events = cal.walk("VEVENT")
    session = course.sessions.get()
    assert sorted(str(e["uid"]) for e in events) == sorted(
        [session_uid(session), shift_uid(signup.shift)]
    )
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in again.walk("VEVENT")]
    assert str(cal["x-wr-calname"]) == "Meine Termine (Ehrensache)"
    assert str(cal["x-wr-timezone"]) == "Europe/Berlin"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert cal.get_missing_tzids() == set()
    for event in events:
        start = event.decoded("dtstart")
        assert str(event["dtstart"].params["TZID"]) == "Europe/Berlin"
        assert start.utcoffset() == start.astimezone(BERLIN).utcoffset()
        assert event.decoded("dtstamp").utcoffset() == dt.timedelta(0)
        assert event.decoded("dtend") > start
    by_uid = {str(e["uid"]): e for e in events}
    assert by_uid[shift_uid(signup.shift)].decoded("dtstart") == signup.shift.starts_at
    assert by_uid[session_uid(session)].decoded("dtstart") == session.starts_at
    assert "Fremder Kurs" not in cal.to_ical().decode()


def test_feed_is_in_the_persons_language(client):
    person = UserFactory(preferred_language="en")

    cal = _fetch(client, calendars.renew_calendar_feed(person))

    with translation.override("en"):
        english = translation.gettext("Meine Termine (Ehrensache)")
    assert str(cal["x-wr-calname"]) == english != "Meine Termine (Ehrensache)"


def test_unknown_garbage_and_inactive_tokens_are_404(client, volunteer):
    token = calendars.renew_calendar_feed(volunteer)

    assert client.get("/kalender/unbekannt.ics").status_code == 404
    assert client.get(f"/kalender/{'x' * 300}.ics").status_code == 404
    assert client.get(f"/kalender/{hash_token(token)}.ics").status_code == 404
    volunteer.is_active = False
    volunteer.save(update_fields=["is_active"])
    assert client.get(f"/kalender/{token}.ics").status_code == 404


def test_fetching_notes_the_time_at_most_every_few_minutes(volunteer):
    feed = calendars.feed_for_token(calendars.renew_calendar_feed(volunteer))
    now = timezone.now()

    calendars.feed_calendar(feed, now=now)
    feed.refresh_from_db()
    calendars.feed_calendar(feed, now=now + dt.timedelta(minutes=1))
    feed.refresh_from_db()

    assert feed.last_used_at == now


@pytest.mark.parametrize("n", [1, 3])
def test_feed_query_count_is_flat(client, volunteer, django_assert_num_queries, n):
    for _ in range(n):
        register_for_course(CourseFactory(), person=volunteer)
        ShiftSignupFactory(person=volunteer)
    token = calendars.renew_calendar_feed(volunteer)

    # feed + person, last_used_at, courses, their sessions, sign-ups with shifts
    with django_assert_num_queries(5):
        cal = _fetch(client, token)

    assert len(cal.walk("VEVENT")) == 2 * n


@pytest.mark.parametrize("n", [1, 3])
def test_page_query_count_is_flat(client, volunteer, django_assert_num_queries, n):
    for _ in range(n - 1):
        CalendarFeed.objects.create(person=volunteer, token_hash=new_token()[1], source=f"s{_}")
    calendars.renew_calendar_feed(volunteer)
    client.force_login(volunteer)

    with django_assert_num_queries(4):  # session, user, feeds
        client.get("/kalender/")
