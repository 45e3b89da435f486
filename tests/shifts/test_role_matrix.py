"""Role matrix of shifts: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    OK,
    PUBLIC,
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

MATRIX = {
    "shifts:mine": Page(get=SIGNED_IN),
    "shifts:plan": Page(get=SIGNED_IN, kwargs=lambda w: {"pk": w.plan.pk}),
    "shifts:add_shift": Page(
        get=None, post=expect(403, coordinator=OK), kwargs=lambda w: {"pk": w.plan.pk}
    ),
    "shifts:add_weekly": Page(
        get=None, post=expect(403, coordinator=OK), kwargs=lambda w: {"pk": w.plan.pk}
    ),
    "shifts:sign_up": Page(get=None, post=expect(OK), kwargs=lambda w: {"pk": w.shift.pk}),
    "shifts:cancel_shift": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.shift.pk},
    ),
    "shifts:cannot_attend": Page(
        get=None, post=expect(404, volunteer=OK), kwargs=lambda w: {"pk": w.signup.pk}
    ),
    "shifts:feed": Page(get=PUBLIC, kwargs=lambda w: {"token": w.tokens["calendar"]}),
    "shifts:organization": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"slug": w.organization.slug},
    ),
    "GET /shifts/mine": Op(api_expect(200)),
    "GET /shifts/plans/{plan_id}/shifts": Op(
        api_expect(200), kwargs=lambda w: {"plan_id": w.plan.pk}
    ),
    "POST /shifts/{shift_id}/signup": Op(
        api_expect(201, volunteer=409), kwargs=lambda w: {"shift_id": w.shift.pk}
    ),
    "POST /shifts/signups/{signup_id}/cannot-attend": Op(
        api_expect(404, volunteer=204), kwargs=lambda w: {"signup_id": w.signup.pk}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_shifts_has_a_row():
    assert problems("shifts", MATRIX) == []
