"""Download of an organization's opportunities from "Meine Engagementangebote"."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("n", [1, 3])
def test_manage_export_per_organization(
    client, coordinator, organization, n, django_assert_num_queries
):
    OpportunityFactory.create_batch(n, organization=organization, title="=SUMME(A1)")
    OpportunityFactory(organization=OrganizationFactory(), title="Fremd")
    client.force_login(coordinator)
    url = reverse("opportunities:manage")
    assert f"einsatzstelle={organization.pk}&amp;export=xlsx".encode() in client.get(url).content
    with django_assert_num_queries(6):
        response = client.get(url, {"einsatzstelle": organization.pk, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(rows) == 1 + n
    assert rows[1][1] == "'=SUMME(A1)" and isinstance(rows[1][0], int)


def test_other_people_get_their_own_empty_list(client, volunteer, organization):
    OpportunityFactory(organization=organization, title="Geheim")
    client.force_login(volunteer)
    response = client.get(reverse("opportunities:manage"), {"export": "csv"})
    assert b"Geheim" not in b"".join(response.streaming_content)
