"""Role matrix of agencies: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

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
    "agencies:list": Page(get=PUBLIC),
    "agencies:detail": Page(get=PUBLIC, kwargs=lambda w: {"slug": w.agency.slug}),
    "agencies:edit": Page(
        get=expect(403, agency_staff=200, network_staff=200),
        post=expect(403, agency_staff=OK, network_staff=OK),
        kwargs=lambda w: {"slug": w.agency.slug},
    ),
    "agencies:responsible": Page(get=PUBLIC),
    "GET /agencies": Op(api_expect(200, anonymous=200)),
    "GET /agencies/{slug}": Op(
        api_expect(200, anonymous=200), kwargs=lambda w: {"slug": w.agency.slug}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_agencies_has_a_row():
    assert problems("agencies", MATRIX) == []
