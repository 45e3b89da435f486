"""Role matrix of notifications: every page × every role (tests/role_matrix.py)."""

import pytest

from tests.role_matrix import OK, SIGNED_IN, Page, cells, check_cell, expect, problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "notifications:preferences": Page(get=SIGNED_IN, post=expect(OK)),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_notifications_has_a_row():
    assert problems("notifications", MATRIX) == []
