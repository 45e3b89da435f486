"""Role matrix of workspaces: every page × every role (tests/role_matrix.py).

A workspace of an organization, agency or network is its staff's only: everybody else gets
404 (they do not learn whom it serves); the volunteer's own is everybody's.
"""

import pytest

from tests.role_matrix import OK, SIGNED_IN, Page, cells, check_cell, expect, problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "workspaces:index": Page(get=expect(OK)),
    "workspaces:volunteer": Page(get=SIGNED_IN),
    "workspaces:coordinator": Page(
        get=expect(404, coordinator=200), kwargs=lambda w: {"pk": w.organization.pk}
    ),
    "workspaces:agency": Page(
        get=expect(404, agency_staff=200), kwargs=lambda w: {"pk": w.agency.pk}
    ),
    "workspaces:network": Page(get=expect(404, network_staff=200), kwargs=lambda w: {"code": "06"}),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_workspaces_has_a_row():
    assert problems("workspaces", MATRIX) == []
