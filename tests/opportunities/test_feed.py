"""The offers feed: only public offers, stable fields, conditional requests, mapping file."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from ehrensache.opportunities import feed
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def offers(organization):
    published = Opportunity.Status.PUBLISHED
    shown = OpportunityFactory(
        organization=organization,
        status=published,
        title="=Lesepatenschaft",
        hours_per_week="2.5",
        on_saturday=True,
        contact_email="privat@example.org",
        contact_phone="0123 456",
    )
    OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT, title="Entwurf")
    OpportunityFactory(
        organization=organization,
        status=published,
        title="Abgelaufen",
        expires_on=timezone.localdate() - dt.timedelta(days=1),
    )
    pending = OrganizationFactory(status=Organization.Status.PENDING)
    OpportunityFactory(organization=pending, status=published, title="Ungeprüft")
    return shown


def _body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize("n", [1, 3])
def test_json_feed_has_only_public_offers_and_fixed_queries(
    client, offers, n, django_assert_num_queries
):
    for _ in range(n - 1):
        OpportunityFactory(organization=offers.organization, status=Opportunity.Status.PUBLISHED)
    with django_assert_num_queries(3):  # version (2 aggregates), rows (1 with joins)
        response = client.get(reverse("opportunities:feed_json"))
        data = json.loads(_body(response))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert len(data["angebote"]) == n
    first = next(a for a in data["angebote"] if a["id"] == offers.pk)
    assert list(first) == [f.key for f in feed.FIELDS]
    assert first["titel"] == "=Lesepatenschaft"  # JSON is data: not altered
    assert first["stunden_pro_woche"] == 2.5 and first["wochentage"] == ["on_saturday"]
    assert first["url"].endswith(offers.get_absolute_url())
    text = json.dumps(data)
    for secret in ("Entwurf", "Abgelaufen", "Ungeprüft", "privat@example.org", "0123 456"):
        assert secret not in text


def test_csv_feed_conditional_get_and_mapping(client, offers):
    url = reverse("opportunities:feed_csv")
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(_body(response))))
    assert rows[0] == [f.key for f in feed.FIELDS]
    assert len(rows) == 2 and rows[1][2] == "'=Lesepatenschaft"  # defused for spreadsheets
    assert response["Cache-Control"] == "public, max-age=300" and response["Last-Modified"]
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    offers.title = "Neu"
    offers.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    fields = client.get(reverse("opportunities:feed_fields")).json()["felder"]
    assert [f["feld"] for f in fields] == [f.key for f in feed.FIELDS]
    assert next(f for f in fields if f["feld"] == "titel")["schema_org_jobposting"] == "title"
