"""iCalendar for courses: one VEVENT per session, stable UIDs, for mails, feeds and export.

Times carry the site's time zone (VTIMEZONE included, see ``core.calendars``). The personal
calendar feed gets a person's confirmed courses from ``person_course_events``.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from ehrensache.core.calendars import (
    event_uid,
    feed_source,
    local,
    new_calendar,
    to_ical,
    utc,
)

PRODID = "-//Ehrensache//Kurse//DE"


def session_uid(session) -> str:
    return event_uid(f"course-{session.course_id}-session-{session.pk}")


def _calendar(name: str) -> Calendar:
    return new_calendar(name, prodid=PRODID)


def venue(course) -> str:
    """The course's own venue in one line (sessions without a place of their own)."""
    parts = [course.venue_name, course.street, f"{course.postal_code} {course.city}".strip()]
    return ", ".join(p for p in parts if p)


def _location(course, session) -> str:
    if session.online_url:
        return session.online_url
    if session.place:
        return session.place
    return venue(course)


def _events(course, sessions, *, method_cancel=False):
    url = settings.SITE_URL + course.get_absolute_url()
    total = len(sessions)
    for number, session in enumerate(sessions, start=1):
        event = Event()
        event.add("uid", session_uid(session))
        event.add("sequence", session.sequence)
        summary = course.title if total == 1 else f"{course.title} ({number}/{total})"
        event.add("summary", summary)
        event.add("dtstart", local(session.starts_at))
        event.add("dtend", local(session.ends_at))
        event.add("dtstamp", utc(course.updated_at or timezone.now()))
        event.add("location", _location(course, session))
        event.add("url", url)
        notes = f"{session.notes}\n" if session.notes else ""
        event.add("description", f"{course.provider_name}\n{notes}{url}")
        cancelled = method_cancel or course.status == "cancelled"
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        yield event


def course_calendar(course, *, cancelled=False) -> bytes:
    cal = _calendar(course.title)
    for event in _events(course, list(course.sessions.all()), method_cancel=cancelled):
        cal.add_component(event)
    return to_ical(cal)


def courses_calendar(name: str, courses) -> bytes:
    """Courses must come with ``sessions`` prefetched."""
    cal = _calendar(name)
    for course in courses:
        for event in _events(course, list(course.sessions.all())):
            cal.add_component(event)
    return to_ical(cal)


@feed_source("courses", label=gettext_lazy("Kurse"), calendar_name=gettext_lazy("Meine Kurse"))
def person_course_events(person):
    """The sessions of every course in which ``person`` holds a confirmed place."""
    from .queries import courses_in_calendar_of

    for course in courses_in_calendar_of(person):
        yield from _events(course, list(course.sessions.all()))
