"""Role matrix of api: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    PUBLIC,
    Page,
    cells,
    check_cell,
    expect,
    problems,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "api:openapi-json": Page(get=PUBLIC),
    "api:openapi-view": Page(get=PUBLIC),
    "api:api-root": Page(get=expect(404, anonymous=404)),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_api_has_a_row():
    assert problems("api", MATRIX) == []
