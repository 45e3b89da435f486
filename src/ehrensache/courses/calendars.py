"""iCalendar for courses: one VEVENT per session, stable UIDs, for mails, feeds and export."""

from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Ehrensache//Kurse//DE"


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "ehrensache.invalid"


def session_uid(session) -> str:
    return f"course-{session.course_id}-session-{session.pk}@{_host()}"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")
    return cal


def _location(course, session) -> str:
    if session.online_url:
        return session.online_url
    if session.place:
        return session.place
    parts = [course.venue_name, course.street, f"{course.postal_code} {course.city}".strip()]
    return ", ".join(p for p in parts if p)


def _events(course, sessions, *, method_cancel=False):
    url = settings.SITE_URL + course.get_absolute_url()
    total = len(sessions)
    for number, session in enumerate(sessions, start=1):
        event = Event()
        event.add("uid", session_uid(session))
        summary = course.title if total == 1 else f"{course.title} ({number}/{total})"
        event.add("summary", summary)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", course.updated_at or timezone.now())
        event.add("location", _location(course, session))
        event.add("url", url)
        event.add("description", f"{course.provider_name}\n{url}")
        cancelled = method_cancel or course.status == "cancelled"
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        yield event


def course_calendar(course, *, cancelled=False) -> bytes:
    cal = _calendar(course.title)
    for event in _events(course, list(course.sessions.all()), method_cancel=cancelled):
        cal.add_component(event)
    return cal.to_ical()


def courses_calendar(name: str, courses) -> bytes:
    """Courses must come with ``sessions`` prefetched."""
    cal = _calendar(name)
    for course in courses:
        for event in _events(course, list(course.sessions.all())):
            cal.add_component(event)
    return cal.to_ical()
