"""A person's shifts as iCalendar events (source ``shifts`` of the personal calendar feed):
one VEVENT per sign-up, UIDs stable across fetches, times in the site's time zone."""

from django.conf import settings
from django.utils.translation import gettext_lazy
from icalendar import Event

from ehrensache.core.calendars import event_uid, feed_source, local, utc


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
    event.add("status", "CONFIRMED")
    return event


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
