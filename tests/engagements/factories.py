"""Factories for engagement tests: each makes exactly the object it names."""

from datetime import date

import factory

from ehrensache.engagements.models import Engagement, HoursEntry, RecordCheck
from tests.factories import OrganizationFactory, UserFactory


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    volunteer = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "Lesepatin"
    start = date(2025, 1, 1)
    status = Engagement.Status.ACTIVE


class HoursEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursEntry

    engagement = factory.SubFactory(EngagementFactory)
    date = date(2025, 3, 1)
    minutes = 120
    activity = "Vorlesen"
    logged_by = factory.LazyAttribute(lambda o: o.engagement.volunteer)


class RecordCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordCheck

    engagement = factory.SubFactory(EngagementFactory)
    issued_on = date(2025, 1, 2)
    inspected_on = date(2025, 1, 10)
    relevant_entry = False
