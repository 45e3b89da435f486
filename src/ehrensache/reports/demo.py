"""Demo figures: enough engagements, hours and counselling conversations in Hessen that the
statistics show numbers (and one small district that shows "< 5"), then a roll-up.

Idempotent: every record is found again by its natural key ("(Demo)" names, demo e-mail
addresses); a second run changes nothing but recomputes the figures.
"""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from ehrensache.accounts.models import User
from ehrensache.agencies.models import Agency
from ehrensache.brokering.models import Conversation
from ehrensache.engagements.models import Engagement, HoursEntry
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization

from .rollup import roll_up

# (postal code of a demo organization, engagements per year): Kassel stays small.
VOLUNTEERS_BY_POSTAL_CODE = {"35037": 24, "35390": 9, "60487": 7, "34117": 2}
CONVERSATIONS = 30
ROLE = "Engagement (Statistik-Demo)"


def _volunteer(number: int) -> User:
    user, created = User.objects.get_or_create(
        email=f"statistik-{number:03d}@demo.ehrensache.invalid",
        defaults={"display_name": f"Freiwillige Person {number} (Demo)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _engagements(organization: Organization, count: int, first: int, today: dt.date) -> int:
    opportunity = Opportunity.objects.filter(organization=organization).order_by("pk").first()
    made = 0
    for index in range(count):
        for year in (today.year - 1, today.year):
            start = dt.date(year, 1 + (index * 5) % 12, 1 + index % 27)
            if start > today:
                continue
            volunteer = _volunteer(first + index)
            engagement, _created = Engagement.objects.get_or_create(
                volunteer=volunteer,
                organization=organization,
                role=ROLE,
                start=start,
                defaults={"opportunity": opportunity, "status": Engagement.Status.ACTIVE},
            )
            _hours(engagement, today)
            made += 1
    return made


def _hours(engagement: Engagement, today: dt.date) -> None:
    for week in range(4):
        day = engagement.start + dt.timedelta(days=7 * week)
        if day > today:
            break
        HoursEntry.objects.get_or_create(
            engagement=engagement,
            date=day,
            defaults={
                "minutes": 120,
                "activity": "Einsatz (Demo)",
                "logged_by": engagement.volunteer,
                "verified_at": timezone.now(),
            },
        )


def _conversations(agency: Agency, today: dt.date) -> None:
    now = timezone.now()
    for number in range(CONVERSATIONS):
        for year in (today.year - 1, today.year):
            held_on = dt.date(year, 1 + number % 12, 1 + number % 27)
            if held_on > today:
                continue
            Conversation.objects.get_or_create(
                agency=agency,
                guest_name=f"Gast {number + 1} (Demo)",
                held_on=held_on,
                defaults={
                    "consent": True,
                    "consent_recorded_at": now,
                    "interests": ["kultur" if number % 2 else "senioren"],
                    "outcome": Conversation.Outcome.SUGGESTIONS,
                },
            )


def load(*, out: Callable[..., object] = print) -> None:
    today = timezone.localdate()
    made, first = 0, 1
    with transaction.atomic():
        for code, count in VOLUNTEERS_BY_POSTAL_CODE.items():
            organization = Organization.objects.filter(is_demo=True, postal_code=code).first()
            if organization is not None:
                made += _engagements(organization, count, first, today)
            first += count
        agency = Agency.objects.filter(slug="freiwilligenagentur-marburg-biedenkopf-demo").first()
        if agency is not None:
            _conversations(agency, today)
    facts = roll_up([today.year - 1, today.year], today=today)
    out(f"Demo-Statistik: {made} Engagements, {facts} Kennzahlen berechnet")
