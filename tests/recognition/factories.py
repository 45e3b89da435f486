"""Recognition test helpers: weekly hours, a recognition profile, completed trainings."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ehrensache.courses.models import Completion
from ehrensache.engagements.models import HoursEntry, TrainingRecord
from ehrensache.recognition.models import RecognitionProfile
from ehrensache.regions.models import District
from tests.factories import OrganizationFactory


def weekly_hours(engagement, *, start, weeks, minutes_per_week):
    """One verified entry per week (the weekly total)."""
    HoursEntry.objects.bulk_create(
        HoursEntry(
            engagement=engagement,
            date=start + dt.timedelta(weeks=w),
            minutes=minutes_per_week,
            activity="Dienst",
            verified_at=timezone.now(),
        )
        for w in range(weeks)
    )


def profile(person, *, birth_date=dt.date(1990, 5, 1), district_key="06534"):
    return RecognitionProfile.objects.update_or_create(
        person=person,
        defaults={
            "birth_date": birth_date,
            "district": District.objects.get(key=district_key) if district_key else None,
        },
    )[0]


def completion(person, *, category, units, day):
    return Completion.objects.create(
        person=person,
        category=category,
        course_title=f"{category} (Demo)",
        provider_name="Freiwilligenagentur (Demo)",
        person_name=str(person),
        first_day=day,
        last_day=day,
        teaching_units=Decimal(units),
        total_units=Decimal(units),
    )


def external_training(person, *, kind, units, day, organization=None):
    return TrainingRecord.objects.create(
        person=person,
        organization=organization or OrganizationFactory(),
        kind=kind,
        title=f"{kind} extern (Demo)",
        provider="Jugendbildungsstätte (Demo)",
        completed_on=day,
        teaching_units=Decimal(units),
    )
