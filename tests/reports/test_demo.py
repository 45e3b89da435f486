import pytest

from ehrensache.engagements.models import Engagement
from ehrensache.reports import demo
from ehrensache.reports.models import Fact, Level
from tests.factories import AgencyFactory, OpportunityFactory, OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_figures_are_idempotent_and_show_numbers_and_a_small_district():
    marburg = OrganizationFactory(postal_code="35037", is_demo=True)
    kassel = OrganizationFactory(postal_code="34117", is_demo=True)
    others = [OrganizationFactory(postal_code=code, is_demo=True) for code in ("35390", "60487")]
    for organization in [marburg, kassel, *others]:
        OpportunityFactory(organization=organization)
    AgencyFactory(slug="freiwilligenagentur-marburg-biedenkopf-demo", district_key="06534")

    demo.load(out=lambda *_: None)
    first = Engagement.objects.count()
    demo.load(out=lambda *_: None)

    assert Engagement.objects.count() == first
    shown = Fact.objects.filter(
        level=Level.DISTRICT, code="06534", period="Y", field="", suppressed=False
    )
    assert {"engagements_started", "conversations", "hours_verified"} <= set(
        shown.values_list("measure", flat=True)
    )
    assert Fact.objects.get(
        level=Level.DISTRICT,
        code="06611",
        period="Y",
        field="",
        measure="engagements_started",
        year=Engagement.objects.filter(organization=kassel).latest("start").start.year,
    ).suppressed


def test_demo_without_demo_organizations_changes_nothing():
    demo.load(out=lambda *_: None)

    assert Engagement.objects.count() == 0
