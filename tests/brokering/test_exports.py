"""Download of the coordinator's inbox (interests) with its filters."""

import csv
import io

import pytest
from django.urls import reverse

from ehrensache.brokering import services
from tests.factories import OpportunityFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("n", [1, 3])
def test_inbox_export_applies_filters(
    client, coordinator, opportunity, n, django_assert_num_queries
):
    for i in range(n):
        services.express_interest(
            opportunity, volunteer=UserFactory(display_name=f"-{i} Person"), message="privat"
        )
    other = OpportunityFactory(organization=opportunity.organization, title="Anderes")
    services.express_interest(other, volunteer=UserFactory(display_name="Zweite"))
    client.force_login(coordinator)
    url = reverse("brokering:inbox")
    assert b"export=csv" in client.get(url).content
    with django_assert_num_queries(6):
        rows = _csv(client.get(url, {"status": "new", "export": "csv", "page": "2"}))
    assert rows[0] == [
        "Person",
        "Angebot",
        "Einsatzstelle",
        "Stand",
        "Stand seit",
        "Eingegangen",
        "Vermittelt durch",
    ]
    assert len(rows) == 2 + n
    assert {r[0] for r in rows[1:]} >= {"'-0 Person"} and "privat" not in str(rows)
    filtered = _csv(client.get(url, {"status": "in_contact", "export": "csv"}))
    assert len(filtered) == 1


@pytest.mark.parametrize("who", ["volunteer", "agency_staff"])
def test_inbox_export_refused_to_other_roles(client, opportunity, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("brokering:inbox"), {"export": "xlsx"}).status_code == 403
