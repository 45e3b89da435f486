import datetime as dt

import factory
from django.utils import timezone

from ehrensache.shifts.models import Shift, ShiftPlan, ShiftSignup
from tests.factories import OrganizationFactory, UserFactory


def in_days(days, hour=10):
    base = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + dt.timedelta(days=days)


class ShiftPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftPlan

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Sommerfest {n} (Demo)")
    kind = ShiftPlan.Kind.EVENT
    place = "Marktplatz"


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    plan = factory.SubFactory(ShiftPlanFactory)
    title = "Kuchenstand"
    starts_at = factory.LazyFunction(lambda: in_days(3, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    capacity = 2


class ShiftSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftSignup

    shift = factory.SubFactory(ShiftFactory)
    person = factory.SubFactory(UserFactory)
