"""A person's shifts as iCalendar: one VEVENT per sign-up, UIDs stable across fetches."""

from urllib.parse import urlparse

from django.conf import settings
from icalendar import Calendar, Event

PRODID = "-//Ehrensache//Dienste//DE"


def shift_uid(shift) -> str:
    host = urlparse(settings.SITE_URL).hostname or "ehrensache.invalid"
    return f"shift-{shift.pk}@{host}"


def shifts_calendar(name: str, signups) -> bytes:
    """``signups`` with ``shift__plan__organization`` selected."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")
    for signup in signups:
        shift = signup.shift
        event = Event()
        event.add("uid", shift_uid(shift))
        event.add("summary", f"{shift.label} ({shift.plan.organization.name})")
        event.add("dtstart", shift.starts_at)
        event.add("dtend", shift.ends_at)
        event.add("dtstamp", shift.updated_at)
        event.add("location", shift.where)
        event.add("url", settings.SITE_URL + shift.plan.get_absolute_url())
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
