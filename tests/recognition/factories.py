import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from ehrensache.courses.models import Completion
from ehrensache.engagements.models import Engagement, HoursEntry, TrainingRecord
from ehrensache.recognition.models import EngagementProof, RecognitionProfile, ReleaseRequest
from ehrensache.regions.models import District
from tests.factories import OrganizationFactory, UserFactory


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    volunteer = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "Jugendgruppenleitung"
    tasks = "Gruppenstunden planen und leiten"
    start = dt.date(2024, 1, 1)
    status = Engagement.Status.ACTIVE


class VerifiedHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursEntry

    engagement = factory.SubFactory(EngagementFactory)
    date = dt.date(2025, 6, 1)
    minutes = 240
    activity = "Gruppenstunde"
    verified_at = factory.LazyFunction(timezone.now)


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


class ReleaseRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReleaseRequest

    organization = factory.SubFactory(OrganizationFactory)
    leader = factory.SubFactory(UserFactory)
    event_title = "Zeltlager (Demo)"
    event_place = "Edersee"
    first_day = dt.date(2027, 7, 5)
    last_day = dt.date(2027, 7, 9)
    half_days = 10
    responsible_body = ReleaseRequest.Body.JUGENDAMT
    employer_name = "Beispiel GmbH (Demo)"
    employer_address = "Musterstraße 1\n35037 Marburg"


class EngagementProofFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementProof

    engagement = factory.SubFactory(EngagementFactory)
    person = factory.LazyAttribute(lambda o: o.engagement.volunteer)
    organization = factory.LazyAttribute(lambda o: o.engagement.organization)
