"""A person's shifts as iCalendar events (source ``shifts`` of the personal calendar feed):
one VEVENT per sign-up, UIDs stable across fetches, times in the site's time zone."""

from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext_lazy
from icalendar import Event

from ehrensache.core.calendars import event_uid, feed_source, local, new_calendar, to_ical, utc


def shift_uid(shift) -> str:
    return event_uid(f"shift-{shift.pk}")


def shift_event(shift) -> Event:
    """``shift`` with ``plan__organization`` selected."""
    event = Event()
    event.add("uid", shift_uid(shift))
    event.add("summary", f"{shift.label} ({shift.plan.organization.name})")
    event.add("dtstart", local(shift.starts_at))
    event.add("dtend", local(shift.ends_at))
    event.add("dtstamp", utc(shift.updated_at))
    if shift.where:
        event.add("location", shift.where)
    event.add("url", settings.SITE_URL + shift.plan.get_absolute_url())
    event.add("sequence", shift.sequence)
    event.add("status", "CANCELLED" if shift.cancelled_at else "CONFIRMED")
    return event


def cancellation_ics(shift) -> bytes:
    """The cancellation for a calendar that has the shift (METHOD:CANCEL, iTIP): same UID as
    the feed, the raised SEQUENCE, STATUS:CANCELLED."""
    cal = new_calendar(str(shift.plan.title))
    cal["method"] = "CANCEL"
    event = shift_event(shift)
    event.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    cal.add_component(event)
    return to_ical(cal)


@feed_source(
    "shifts",
    label=gettext_lazy("Dienste"),
    calendar_name=gettext_lazy("Meine Dienste (Ehrensache)"),
)
def person_shift_events(person):
    """Every shift ``person`` is signed up for, past ones included (one query)."""
    from .queries import signups_of

    for signup in signups_of(person, upcoming_only=False):
        yield shift_event(signup.shift)
