import pytest

from ehrensache.agencies import demo
from ehrensache.agencies.models import Agency

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HESSIAN_KEYS = {
    "06411", "06412", "06413", "06414",
    "06431", "06432", "06433", "06434", "06435", "06436", "06437", "06438", "06439", "06440",
    "06531", "06532", "06533", "06534", "06535",
    "06611", "06631", "06632", "06633", "06634", "06635", "06636",
}  # fmt: skip


def test_demo_covers_every_hessian_district_and_is_idempotent():
    lines = []
    demo.load(out=lines.append)
    first = {a.slug: a.updated_at for a in Agency.objects.all()}

    demo.load(out=lines.append)

    served = set(
        Agency.objects.filter(service_districts__state__code="06").values_list(
            "service_districts__key", flat=True
        )
    )
    assert served == HESSIAN_KEYS
    assert set(Agency.objects.values_list("slug", flat=True)) == set(first)
    assert Agency.objects.filter(slug="freiwilligenagentur-marburg-biedenkopf-demo").exists()
    # München and Leipzig are not imported in tests: skipped, not failed.
    assert "09162" in lines[0] and "14713" in lines[0]


def test_demo_entries_are_marked_and_have_no_real_looking_contacts():
    demo.load(out=lambda line: None)

    agencies = list(Agency.objects.all())

    assert all(a.is_demo and a.name.endswith("(Demo)") for a in agencies)
    assert all(a.phone == "" and a.email.endswith(".invalid") for a in agencies)
    assert all(a.street in {"", "Musterstraße 1 (Demo)"} for a in agencies)


def test_demo_shows_germany_and_the_network():
    demo.load(out=lambda line: None)

    berlin = Agency.objects.get(slug="freiwilligenagentur-berlin-mitte-demo")
    network = Agency.objects.get(kind=Agency.Kind.LANDESNETZWERK)

    assert (berlin.district.key, berlin.postal_code) == ("11000", "10115")
    assert Agency.objects.filter(district__key="02000").count() == 1
    assert network.service_districts.count() == 0


def test_demo_agencies_sit_in_their_towns():
    demo.load(out=lambda line: None)

    marburg = Agency.objects.get(slug="freiwilligenagentur-marburg-biedenkopf-demo")
    altenstadt = Agency.objects.get(slug="altenstadt-aktiv-demo")

    assert (marburg.postal_code, marburg.city, marburg.district.key) == (
        "35037",
        "Marburg",
        "06534",
    )
    assert (altenstadt.postal_code, altenstadt.district.key) == ("63674", "06440")
