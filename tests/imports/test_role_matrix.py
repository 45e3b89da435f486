"""Role matrix of the data takeover: only staff of the agency upload, see and confirm its
runs; a run is hidden (404) from everybody else, the upload page and the templates answer
403 to other roles (an agency's existence is public)."""

import pytest

from tests.role_matrix import OK, Page, cells, check_cell, expect, problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "imports:agency": Page(
        get=expect(403, agency_staff=200),
        post=expect(403, agency_staff=OK),
        kwargs=lambda w: {"pk": w.agency.pk},
    ),
    "imports:run": Page(
        get=expect(404, agency_staff=200), kwargs=lambda w: {"pk": w.import_run.pk}
    ),
    "imports:confirm": Page(
        get=None, post=expect(404, agency_staff=OK), kwargs=lambda w: {"pk": w.import_run.pk}
    ),
    "imports:discard": Page(
        get=None, post=expect(404, agency_staff=OK), kwargs=lambda w: {"pk": w.import_run.pk}
    ),
    "imports:template": Page(
        get=expect(403, agency_staff=200, other_agency_staff=200),
        kwargs=lambda w: {"kind": "organizations", "file_format": "xlsx"},
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_imports_has_a_row():
    assert problems("imports", MATRIX) == []
