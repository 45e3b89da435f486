"""Role matrix of accounts: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    OK,
    SIGNED_IN,
    Page,
    cells,
    check_cell,
    expect,
    problems,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MATRIX = {
    "accounts:profile": Page(get=SIGNED_IN, post=expect(OK)),
    "accounts:export": Page(get=SIGNED_IN),
    "accounts:delete": Page(get=SIGNED_IN, post=expect(OK)),
    # Only the person the invitation went to sees what it is about and accepts it; anyone
    # else signed in gets 403, anonymous people the page asking them to sign in.
    "accounts:invitation": Page(
        get=expect(403, anonymous=200, volunteer=200),
        post=expect(403, volunteer=OK),
        kwargs=lambda w: {"token": w.tokens["person_invitation"]},
    ),
    # Withdrawing is the team's management right (guide.manage_team on the team).
    "accounts:invitation_revoke": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.person_invitation.pk},
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_accounts_has_a_row():
    assert problems("accounts", MATRIX) == []
