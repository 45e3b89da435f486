"""Role matrix of reports: every page × every role (tests/role_matrix.py).

Agency staff see their agency's region, network staff their state (and any agency of it),
coordinators their organization; the yearly overview is public. A state's page answers 404
to everybody else (a state has no visibility rule of its own), an agency's or organization's
page 403 (the agency and the organization are public). The annual report is the agency's:
its staff write the texts, network staff of its state only read them (a POST is 403)."""

import pytest
from django.utils import timezone

from tests.role_matrix import (
    OK,
    PUBLIC,
    Op,
    Page,
    api_expect,
    cells,
    check_cell,
    expect,
    problems,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "reports:overview": Page(get=PUBLIC),
    "reports:agency": Page(
        get=expect(403, agency_staff=200, network_staff=200),
        kwargs=lambda w: {"pk": w.agency.pk},
    ),
    # The annual report: the agency's staff write its texts, network staff read them.
    "reports:annual_report": Page(
        get=expect(403, agency_staff=200, network_staff=200),
        post=expect(403, agency_staff=OK),
        kwargs=lambda w: {"pk": w.agency.pk, "year": timezone.localdate().year},
    ),
    "reports:annual_report_download": Page(
        get=expect(403, agency_staff=200, network_staff=200),
        kwargs=lambda w: {"pk": w.agency.pk, "year": timezone.localdate().year, "fmt": "xlsx"},
    ),
    "reports:state": Page(get=expect(404, network_staff=200), kwargs=lambda w: {"code": "06"}),
    "reports:organization": Page(
        get=expect(403, coordinator=200), kwargs=lambda w: {"pk": w.organization.pk}
    ),
    # The statistics API: the same scopes as the pages.
    "GET /statistics/overview": Op(api_expect(200, anonymous=200)),
    "GET /statistics/states/{state_code}": Op(
        api_expect(404, network_staff=200), kwargs=lambda w: {"state_code": "06"}
    ),
    "GET /statistics/agencies/{agency_id}": Op(
        api_expect(403, agency_staff=200, network_staff=200),
        kwargs=lambda w: {"agency_id": w.agency.pk},
    ),
    "GET /statistics/organizations/{organization_id}": Op(
        api_expect(403, coordinator=200), kwargs=lambda w: {"organization_id": w.organization.pk}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_reports_has_a_row():
    assert problems("reports", MATRIX) == []


def test_nationwide_page_only_for_nationwide_network_staff(client):
    from tests.factories import NetworkMembershipFactory

    hessen = NetworkMembershipFactory(user__password="!").user
    client.force_login(hessen)

    assert client.get("/statistik/land/bund/").status_code == 403
    assert client.get("/statistik/land/xx/").status_code == 404
