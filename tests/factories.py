"""Factories without surprises: each makes exactly the object it names, with valid defaults.

One factory per model, all in this module; a test that depends on a value passes it.
Helpers that build several objects through the services stay in ``tests/<app>/factories.py``.
"""

import datetime as dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from ehrensache.accounts.models import NetworkMembership, User
from ehrensache.agencies.models import Agency, AgencyMembership
from ehrensache.brokering.models import VolunteerProfile
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.courses.models import Course, Session
from ehrensache.courses.services import refresh_search_fields
from ehrensache.engagements.models import Engagement, HoursEntry, RecordCheck
from ehrensache.opportunities import search_index
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization, OrganizationMembership
from ehrensache.recognition.models import EngagementProof, ReleaseRequest
from ehrensache.regions.models import District, PostalCode, State
from ehrensache.shifts.models import Shift, ShiftPlan, ShiftSignup

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


# --- Opportunities and brokering -------------------------------------------------------------


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A published opportunity, indexed for search; ``postal_code`` places it (coordinates,
    district, town from the postal code data). No weekdays or hours unless passed."""

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
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    is_demo = True

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            search_index.reindex([obj])


class ProfileFactory(factory.django.DjangoModelFactory):
    """A volunteer profile: education, Saturday afternoons, 4 hours, 10 km around 35037."""

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


# --- Engagements and recognition -----------------------------------------------------------


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    volunteer = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "Lesepatin"
    start = dt.date(2025, 1, 1)
    status = Engagement.Status.ACTIVE


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """Logged by the volunteer, unverified; ``verified=True`` confirms it now."""

    class Meta:
        model = HoursEntry

    class Params:
        verified = factory.Trait(verified_at=factory.LazyFunction(timezone.now))

    engagement = factory.SubFactory(EngagementFactory)
    date = dt.date(2025, 3, 1)
    minutes = 120
    activity = "Vorlesen"
    logged_by = factory.LazyAttribute(lambda o: o.engagement.volunteer)


class RecordCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordCheck

    engagement = factory.SubFactory(EngagementFactory)
    issued_on = dt.date(2025, 1, 2)
    inspected_on = dt.date(2025, 1, 10)
    relevant_entry = False


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


# --- Courses and shifts --------------------------------------------------------------------


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
            start = timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
            extracted = [(start, 6, Decimal("8"))]
        for start, hours, units in extracted:
            Session.objects.create(
                course=obj,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=hours),
                teaching_units=units,
            )
        if extracted:
            obj.starts_at = min(s[0] for s in extracted)
            obj.ends_at = max(s[0] + dt.timedelta(hours=s[1]) for s in extracted)
            obj.save(update_fields=["starts_at", "ends_at"])


def in_days(days, hour=10):
    """Today in ``days`` days at ``hour`` o'clock, local time."""
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
