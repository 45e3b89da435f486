"""Factories for brokering tests: a published opportunity (indexed for search) and profiles."""

import factory
from django.utils import timezone

from ehrensache.brokering.models import VolunteerProfile
from ehrensache.opportunities.models import Opportunity
from ehrensache.opportunities.search_index import reindex
from ehrensache.opportunities.taxonomy import FieldOfActivity
from tests.factories import OrganizationFactory, UserFactory, postal_code_point


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Hausaufgabenhilfe {n}")
    description = "Kinder der Grundschule bei den Hausaufgaben begleiten."
    tasks = "Lesen üben, Rechnen üben."
    field = FieldOfActivity.BILDUNG
    postal_code = "35037"
    city = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).place.name)
    district = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).district)
    latitude = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).latitude)
    longitude = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).longitude)
    on_saturday = True
    in_afternoon = True
    hours_per_week = 2
    status = Opportunity.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    is_demo = True

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            reindex([obj])


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    user = factory.SubFactory(UserFactory)
    interests = factory.LazyFunction(lambda: [FieldOfActivity.BILDUNG.value])
    weekdays = factory.LazyFunction(lambda: ["sa"])
    times_of_day = factory.LazyFunction(lambda: ["afternoon"])
    hours_per_week = 4
    postal_code = "35037"
    latitude = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).latitude)
    longitude = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).longitude)
    travel_km = 10
    findable = False
