"""Role matrix of core: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    OK,
    PUBLIC,
    SIGNED_IN,
    Page,
    cells,
    check_cell,
    expect,
    problems,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "healthz": Page(get=PUBLIC),
    "favicon": Page(get=expect(302, anonymous=302)),
    "core:home": Page(get=PUBLIC),
    "core:page": Page(get=PUBLIC, kwargs=lambda w: {"slug": "impressum"}),
    "core:calendar": Page(get=SIGNED_IN, post=expect(OK)),
    "core:calendar_feed": Page(get=PUBLIC, kwargs=lambda w: {"token": w.tokens["calendar"]}),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_core_has_a_row():
    assert problems("core", MATRIX) == []
