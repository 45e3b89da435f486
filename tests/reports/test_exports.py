"""Statistics downloads answer like their pages: other roles 403/404, fixed query counts.
(What they contain is checked on a rolled-up world in test_anonymity.)"""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_downloads_refused_like_the_pages(client, volunteer, agency, organization):
    client.force_login(volunteer)
    for name, args, status in (
        ("reports:agency", [agency.pk], 403),
        ("reports:state", ["06"], 404),
        ("reports:organization", [organization.pk], 403),
    ):
        assert client.get(reverse(name, args=args), {"export": "xlsx"}).status_code == status
    client.logout()
    response = client.get(reverse("reports:agency", args=[agency.pk]), {"export": "csv"})
    assert response.status_code == 302


def test_overview_download_is_public_with_fixed_queries(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get(reverse("reports:overview"), {"export": "ods"})
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert "engagement-in-zahlen-" in response["Content-Disposition"]
