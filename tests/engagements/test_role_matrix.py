"""Role matrix of engagements: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
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

MATRIX = {
    "engagements:mine": Page(get=SIGNED_IN),
    "engagements:log_hours": Page(get=SIGNED_IN, post=expect(OK)),
    "engagements:other_allowances": Page(get=None, post=expect(OK)),
    "engagements:delete_hours": Page(
        get=None,
        post=expect(404, volunteer=OK, coordinator=OK),
        kwargs=lambda w: {"pk": w.hours_entry.pk},
    ),
    "engagements:manage": Page(get=expect(403, coordinator=200, other_coordinator=200)),
    "engagements:start": Page(
        get=expect(403, coordinator=200, other_coordinator=200),
        post=expect(403, coordinator=OK, other_coordinator=OK),
    ),
    "engagements:verify": Page(
        get=expect(403, coordinator=200, other_coordinator=200),
        post=expect(403, coordinator=OK, other_coordinator=OK),
    ),
    "engagements:books": Page(get=expect(403, coordinator=200, other_coordinator=200)),
    "engagements:checklist": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"org_pk": w.organization.pk},
    ),
    "engagements:detail": Page(
        get=expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.engagement.pk}
    ),
    "engagements:hours": Page(
        get=None,
        post=expect(404, volunteer=OK, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:add_step": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:tick": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk, "check_pk": w.onboarding_check.pk},
    ),
    "engagements:record_check": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:certificate_request_pdf": Page(
        get=expect(404, volunteer=403, coordinator=200),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:agreement_pdf": Page(
        get=expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.engagement.pk}
    ),
    "engagements:allowance": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:end": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:not_started": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:seminar_day": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:supervision": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "engagements:training": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.engagement.pk},
    ),
    "GET /engagements/": Op(api_expect(200)),
    "GET /engagements/hours/summary": Op(api_expect(200)),
    "POST /engagements/hours/verify": Op(
        api_expect(403, coordinator=200),
        data=lambda w: {"organization_id": w.organization.pk, "entry_ids": [w.hours_entry.pk]},
    ),
    "GET /engagements/{pk}": Op(
        api_expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.engagement.pk}
    ),
    "GET /engagements/{pk}/hours": Op(
        api_expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.engagement.pk}
    ),
    "POST /engagements/{pk}/hours": Op(
        api_expect(404, volunteer=201, coordinator=201),
        kwargs=lambda w: {"pk": w.engagement.pk},
        data=lambda w: {"date": "2025-03-02", "minutes": 60, "activity": "Vorlesen"},
    ),
    "GET /engagements/{pk}/record-check": Op(
        api_expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.engagement.pk}
    ),
    "GET /engagements/{pk}/allowances": Op(
        api_expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.engagement.pk}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_engagements_has_a_row():
    assert problems("engagements", MATRIX) == []
