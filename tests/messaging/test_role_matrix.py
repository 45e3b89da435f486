"""Role matrix of messaging: every page and API operation × every role (tests/role_matrix.py).

The world's thread is about the referred interest: the volunteer, the organization's
coordinator and the referring agency's staff take part; everybody else gets 404.
"""

import pytest

from tests.role_matrix import (
    OK,
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

PARTICIPANTS = {"volunteer": 200, "coordinator": 200, "agency_staff": 200}
MAY_WRITE = {"volunteer": OK, "coordinator": OK, "agency_staff": OK}

MATRIX = {
    "messaging:inbox": Page(get=SIGNED_IN),
    "messaging:thread": Page(
        get=expect(404, **PARTICIPANTS),
        post=expect(404, **MAY_WRITE),
        kwargs=lambda w: {"pk": w.thread.pk},
    ),
    "messaging:write": Page(
        get=None,
        post=expect(404, **MAY_WRITE),
        kwargs=lambda w: {"kind": "brokering.interest", "pk": w.interest.pk},
    ),
    # The inbound-mail webhook (the tests configure a secret): no role opens it, only the
    # shared secret does (403 without it; 404 when no secret is configured, see
    # tests/messaging/test_inbound.py).
    "messaging:inbound": Page(get=None, post=expect(403, anonymous=403)),
    "GET /messaging/threads": Op(api_expect(200)),
    "GET /messaging/threads/{thread_id}/messages": Op(
        api_expect(404, volunteer=200, coordinator=200, agency_staff=200),
        kwargs=lambda w: {"thread_id": w.thread.pk},
    ),
    "POST /messaging/threads/{thread_id}/messages": Op(
        api_expect(404, volunteer=201, coordinator=201, agency_staff=201),
        kwargs=lambda w: {"thread_id": w.thread.pk},
        data={"text": "Hallo aus der Matrix"},
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_messaging_has_a_row():
    assert problems("messaging", MATRIX) == []
