"""Role matrix of audit: every page × every role (tests/role_matrix.py).

Mein Verlauf shows only the signed-in person's own entries; an object's history is for the
staff its app names (here the coordinators of the engagement's organization): the volunteer
sees the engagement but not its staff history (403), everybody else not even that (404).
"""

import pytest

from tests.role_matrix import SIGNED_IN, Page, cells, check_cell, expect, problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "audit:mine": Page(get=SIGNED_IN),
    "audit:object": Page(
        get=expect(404, volunteer=403, coordinator=200),
        kwargs=lambda w: {"model": "engagements.engagement", "pk": w.engagement.pk},
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_audit_has_a_row():
    assert problems("audit", MATRIX) == []
