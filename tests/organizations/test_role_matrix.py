"""Role matrix of organizations: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    OK,
    PUBLIC,
    SIGNED_IN,
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
    "organizations:register": Page(get=SIGNED_IN, post=expect(OK)),
    "organizations:review_list": Page(
        get=expect(403, agency_staff=200, other_agency_staff=200, network_staff=200)
    ),
    "organizations:invitation": Page(
        get=PUBLIC, post=expect(OK), kwargs=lambda w: {"token": w.tokens["invitation"]}
    ),
    "organizations:detail": Page(get=PUBLIC, kwargs=lambda w: {"slug": w.organization.slug}),
    "organizations:edit": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"slug": w.organization.slug},
    ),
    "organizations:team": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"slug": w.organization.slug},
    ),
    "organizations:without_coordinator": Page(
        get=expect(403, agency_staff=200, other_agency_staff=200, network_staff=200)
    ),
    "organizations:invite_coordinator": Page(
        get=expect(403, agency_staff=200, network_staff=200),
        post=expect(403, agency_staff=OK, network_staff=OK),
        kwargs=lambda w: {"slug": w.orphan_organization.slug},
    ),
    "organizations:review": Page(
        get=expect(403, agency_staff=200, network_staff=200),
        post=expect(403, agency_staff=OK, network_staff=OK),
        kwargs=lambda w: {"slug": w.organization.slug},
    ),
    "GET /organizations": Op(api_expect(200, anonymous=200)),
    "GET /organizations/{slug}": Op(
        api_expect(200, anonymous=200), kwargs=lambda w: {"slug": w.organization.slug}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_organizations_has_a_row():
    assert problems("organizations", MATRIX) == []
