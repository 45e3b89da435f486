"""Factories without surprises: each makes exactly the object it names, with valid defaults."""

import factory
from allauth.account.models import EmailAddress
from django.utils.text import slugify

from ehrensache.accounts.models import NetworkMembership, User
from ehrensache.agencies.models import Agency, AgencyMembership
from ehrensache.organizations.models import Organization, OrganizationMembership
from ehrensache.regions.models import District, PostalCode, State

PASSWORD = "Ehrensache-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="de_DE")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Accounts are verified unless ``verified=False`` is passed."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def district(key: str) -> District:
    return District.objects.get(key=key)


def postal_code_point(code: str) -> PostalCode:
    return (
        PostalCode.objects.filter(code=code, is_large_customer=False)
        .select_related("district")
        .first()
    )


class AgencyFactory(factory.django.DjangoModelFactory):
    """``district_key`` places the agency in that district and makes it responsible for it."""

    class Meta:
        model = Agency
        skip_postgeneration_save = True

    class Params:
        district_key = "06534"

    name = factory.Sequence(lambda n: f"Freiwilligenagentur {n} (Demo)")
    slug = factory.LazyAttribute(lambda o: slugify(o.name)[:200])
    kind = Agency.Kind.FREIWILLIGENAGENTUR
    description = "Beratung und Vermittlung für Engagierte."
    district = factory.LazyAttribute(lambda o: district(o.district_key))
    postal_code = factory.LazyAttribute(
        lambda o: (
            PostalCode.objects.filter(district=o.district, is_large_customer=False)
            .order_by("code")
            .first()
            .code
        )
    )
    city = factory.LazyAttribute(lambda o: o.district.name)
    latitude = factory.LazyAttribute(lambda o: o.district.latitude)
    longitude = factory.LazyAttribute(lambda o: o.district.longitude)
    is_demo = True

    @factory.post_generation
    def serves(obj, create, extracted, **kwargs):
        if create:
            obj.service_districts.add(obj.district)


class AgencyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyMembership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Verein {n} e.V. (Demo)")
    slug = factory.LazyAttribute(lambda o: slugify(o.name)[:200])
    postal_code = "35037"
    city = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).place.name)
    district = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).district)
    latitude = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).latitude)
    longitude = factory.LazyAttribute(lambda o: postal_code_point(o.postal_code).longitude)
    status = Organization.Status.CONFIRMED
    is_demo = True


class OrganizationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMembership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    user = factory.SubFactory(UserFactory)
    state = factory.LazyFunction(lambda: State.objects.get(code="06"))
    title = "LAGFA Hessen (Demo)"
