"""Opportunity factory: a published opportunity at a postal code, indexed for search."""

from datetime import timedelta

import factory
from django.utils import timezone

from ehrensache.opportunities import search_index
from ehrensache.opportunities.models import Opportunity
from tests.factories import OrganizationFactory, postal_code_point


class OpportunityFactory(factory.django.DjangoModelFactory):
    """``postal_code`` places it (coordinates, district, town from the postal code data)."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Engagement {n}")
    description = "Wir freuen uns über Unterstützung."
    field = "soziales"
    postal_code = "35037"
    on_site = True
    remote = False
    city = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).place.name)
    district = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).district)
    latitude = factory.LazyAttribute(
        lambda o: postal_code_point(o.postal_code).latitude if o.on_site else None
    )
    longitude = factory.LazyAttribute(
        lambda o: postal_code_point(o.postal_code).longitude if o.on_site else None
    )
    status = Opportunity.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    is_demo = True

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            search_index.reindex([obj])
