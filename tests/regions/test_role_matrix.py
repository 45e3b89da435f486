"""Role matrix of regions: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    Op,
    api_expect,
    cells,
    check_cell,
    problems,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "GET /regions/postal-codes/{code}": Op(
        api_expect(200, anonymous=200), kwargs=lambda w: {"code": "35037"}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_regions_has_a_row():
    assert problems("regions", MATRIX) == []
