"""Role matrix of group messages: every page × every role (tests/role_matrix.py).

Writing to a group is allowed to whoever may manage it (here: a shift, the coordinator of its
organization); the sent list and templates belong to the sender's staff; the unsubscribe
link works without login (RFC 8058 one-click POST).
"""

import pytest

from tests.role_matrix import OK, PUBLIC, SIGNED_IN, Page, cells, check_cell, expect, problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

STAFF = expect(200, volunteer=403, volunteer2=403, operator=403)


def _shift(w):
    return {"kind": "shift", "object_id": w.shift.pk}


MATRIX = {
    "mailings:list": Page(get=STAFF),
    "mailings:detail": Page(
        get=expect(404, coordinator=200), kwargs=lambda w: {"pk": w.mailing.pk}
    ),
    "mailings:templates": Page(get=STAFF),
    "mailings:delete_template": Page(
        get=None,
        post=expect(404, coordinator=OK),
        kwargs=lambda w: {"pk": w.mailing_template.pk},
    ),
    "mailings:compose": Page(
        get=expect(403, coordinator=200), post=expect(403, coordinator=OK), kwargs=_shift
    ),
    "mailings:send": Page(get=None, post=expect(403, coordinator=OK), kwargs=_shift),
    "mailings:unsubscribe": Page(
        get=PUBLIC,
        post=expect(OK, anonymous=OK),
        kwargs=lambda w: {"token": w.tokens["unsubscribe"]},
    ),
    "mailings:preferences": Page(get=SIGNED_IN, post=expect(404)),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_matrix_covers_every_url():
    assert problems("mailings", MATRIX) == []
