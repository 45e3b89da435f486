"""Calendars: iCalendar documents and the one personal calendar feed of a person.

Documents: ``new_calendar(name)`` starts a VCALENDAR, ``local(dt)`` gives an event time in
the site's time zone (``settings.TIME_ZONE``), ``utc(dt)`` a DTSTAMP, and ``to_ical(cal)``
adds the VTIMEZONE definitions the events refer to (covering just their years) before it
serialises. Apps build their VEVENTs with stable UIDs themselves.

The personal feed (``core.models.CalendarFeed``) has one secret address for everything a
person has on the platform. An app contributes events in its own ``calendars`` module::

    from ehrensache.core.calendars import feed_source

    @feed_source("shifts", label=_("Dienste"), calendar_name=_("Meine Dienste"))
    def shift_events(person) -> Iterable[Event]: ...

The ``calendars`` modules of all installed apps are imported on first use, so this module
imports no other app. A source must read with a fixed number of queries.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .bounds import date_in_range
from .locking import lock_row
from .models import CalendarFeed
from .tokens import find_by_token, new_token

PRODID = "-//Ehrensache//Kalender//DE"
TOUCH_INTERVAL = dt.timedelta(minutes=5)  # ``last_used_at`` is written at most this often


# --- documents -------------------------------------------------------------------------------


def local(value: dt.datetime) -> dt.datetime:
    """An aware datetime in the site's time zone (events carry TZID=Europe/Berlin).

    A value at the edge of Python's range stays as it is (``to_ical`` leaves its event out).
    """
    try:
        return value.astimezone(ZoneInfo(settings.TIME_ZONE))
    except OverflowError:
        return value


def utc(value: dt.datetime) -> dt.datetime:
    """DTSTAMP must be UTC (RFC 5545, 3.8.7.2)."""
    return value.astimezone(dt.UTC)


def event_uid(local_part: str) -> str:
    """A UID that stays the same across fetches: ``<local_part>@<site host>``."""
    host = urlparse(settings.SITE_URL).hostname or "ehrensache.invalid"
    return f"{local_part}@{host}"


def new_calendar(name: str, *, prodid: str = PRODID) -> Calendar:
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("x-published-ttl", "PT1H")
    return cal


def _within_bounds(event: Any) -> bool:
    return all(date_in_range(event.decoded(prop)) for prop in ("dtstart", "dtend") if prop in event)


def to_ical(cal: Calendar) -> bytes:
    """Serialise with a VTIMEZONE for every time zone the events use.

    Events outside ``core.bounds`` (a date stored before the bounds existed) are left out:
    calendar programs and the time-zone definitions cannot handle year 1 or 9999.
    """
    cal.subcomponents = [
        component
        for component in cal.subcomponents
        if component.name != "VEVENT" or _within_bounds(component)
    ]
    years = [
        event.decoded(prop).year
        for event in cal.walk("VEVENT")
        for prop in ("dtstart", "dtend")
        if prop in event
    ]
    if years:
        cal.add_missing_timezones(
            first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
        )
    return cal.to_ical()


# --- sources of the personal feed ------------------------------------------------------------


@dataclass(frozen=True)
class FeedSource:
    key: str
    label: str  # what the source contributes, e.g. "Kurse"
    calendar_name: str  # the calendar's name when a (migrated) feed serves only this source
    events: Callable[[object], Iterable[Event]]


_sources: dict[str, FeedSource] = {}
_discovered = False


def feed_source(key: str, *, label, calendar_name) -> Callable:
    """Register ``events(person)`` as the feed source ``key`` (idempotent by key)."""

    def register(events):
        _sources[key] = FeedSource(key, label, calendar_name, events)
        return events

    return register


def feed_sources() -> list[FeedSource]:
    global _discovered
    if not _discovered:
        autodiscover_modules("calendars")
        _discovered = True
    return list(_sources.values())


def _label(key: str) -> str:
    source = next((s for s in feed_sources() if s.key == key), None)
    return str(source.label) if source else key


# --- the feed --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedStatus:
    """What the person's calendar page shows: the current feed and still-valid older ones."""

    current: CalendarFeed | None
    older: list[tuple[str, CalendarFeed]]  # (source label, feed)


def feed_status(person) -> FeedStatus:
    feeds = list(CalendarFeed.objects.filter(person=person))
    current = next((f for f in feeds if not f.source), None)
    older = [(_label(f.source), f) for f in feeds if f.source]
    return FeedStatus(current=current, older=older)


def renew_calendar_feed(person) -> str:
    """A new secret address for ``person``; every older address stops working at once.

    Returns the raw token, to be shown this one time; only its hash is stored.
    """
    raw, token_hash = new_token()
    with transaction.atomic():
        lock_row(get_user_model(), person.pk)  # two clicks at once: one after the other
        CalendarFeed.objects.filter(person=person).delete()
        CalendarFeed.objects.create(person=person, token_hash=token_hash)
    return raw


def feed_for_token(raw: str | None) -> CalendarFeed | None:
    return find_by_token(
        CalendarFeed.objects.select_related("person").filter(person__is_active=True), raw
    )


def feed_calendar(feed: CalendarFeed, *, now: dt.datetime | None = None) -> bytes:
    """The feed's iCalendar in the person's language; notes the fetch (``last_used_at``)."""
    now = now or timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > TOUCH_INTERVAL:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    sources = [s for s in feed_sources() if not feed.source or s.key == feed.source]
    language = feed.person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        if feed.source and sources:
            name = str(sources[0].calendar_name)
        else:
            name = _("Meine Termine (Ehrensache)")
        cal = new_calendar(name)
        for source in sources:
            for event in source.events(feed.person):
                cal.add_component(event)
    return to_ical(cal)
