from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from ehrensache.courses.models import Course, Session
from ehrensache.courses.services import refresh_search_fields
from tests.factories import AgencyFactory


class CourseFactory(factory.django.DjangoModelFactory):
    """A published agency course with one session in two weeks (8 UE)."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    provider_kind = Course.ProviderKind.AGENCY
    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Kurs {n} (Demo)")
    description = "Ein Kurs für Engagierte."
    category = "first_aid"
    capacity = 5
    postal_code = "35037"
    city = "Marburg"
    latitude = 50.8
    longitude = 8.77
    district = factory.LazyAttribute(lambda o: o.agency.district if o.agency else None)
    status = Course.Status.PUBLISHED
    is_demo = True

    @factory.post_generation
    def search_fields(obj, create, extracted, **kwargs):
        """Fill the search columns, as the services do on every write."""
        if create:
            refresh_search_fields(obj)

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        """``sessions=[(start, hours, units), ...]``; default one session in 14 days."""
        if not create:
            return
        if extracted is None:
            start = timezone.now().replace(microsecond=0) + timedelta(days=14)
            extracted = [(start, 6, Decimal("8"))]
        for start, hours, units in extracted:
            Session.objects.create(
                course=obj,
                starts_at=start,
                ends_at=start + timedelta(hours=hours),
                teaching_units=units,
            )
        if extracted:
            obj.starts_at = min(s[0] for s in extracted)
            obj.ends_at = max(s[0] + timedelta(hours=s[1]) for s in extracted)
            obj.save(update_fields=["starts_at", "ends_at"])
