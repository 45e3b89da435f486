"""Role matrix of brokering: every page and API operation × every role (tests/role_matrix.py).

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
    "brokering:for_you": Page(get=SIGNED_IN),
    "brokering:profile": Page(get=SIGNED_IN, post=expect(OK)),
    "brokering:express_interest": Page(
        get=SIGNED_IN, post=expect(OK), kwargs=lambda w: {"opportunity_pk": w.opportunity.pk}
    ),
    "brokering:my_interests": Page(get=SIGNED_IN),
    "brokering:interest": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=200),
        post=expect(404, volunteer=OK, coordinator=OK, agency_staff=OK),
        kwargs=lambda w: {"pk": w.interest.pk},
    ),
    "brokering:inbox": Page(get=expect(403, coordinator=200, other_coordinator=200)),
    "brokering:candidates": Page(
        get=expect(403, coordinator=200), kwargs=lambda w: {"opportunity_pk": w.opportunity.pk}
    ),
    "brokering:invite": Page(
        get=None,
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"opportunity_pk": w.opportunity.pk, "profile_pk": w.profile.pk},
    ),
    "brokering:counselling": Page(get=expect(403, agency_staff=200, other_agency_staff=200)),
    "brokering:conversation_new": Page(
        get=expect(403, agency_staff=200, other_agency_staff=200),
        post=expect(403, agency_staff=OK, other_agency_staff=OK),
    ),
    "brokering:conversation": Page(
        get=expect(404, agency_staff=200), kwargs=lambda w: {"pk": w.conversation.pk}
    ),
    "brokering:conversation_edit": Page(
        get=expect(404, agency_staff=200),
        post=expect(404, agency_staff=OK),
        kwargs=lambda w: {"pk": w.conversation.pk},
    ),
    "brokering:refer": Page(
        get=None, post=expect(404, agency_staff=OK), kwargs=lambda w: {"pk": w.conversation.pk}
    ),
    "brokering:referrals": Page(get=expect(403, agency_staff=200, other_agency_staff=200)),
    "brokering:routed": Page(
        get=expect(403, agency_staff=200, other_agency_staff=200, network_staff=200)
    ),
    "brokering:follow_ups": Page(get=expect(403, agency_staff=200, other_agency_staff=200)),
    "brokering:follow_up": Page(
        get=expect(404, agency_staff=200),
        post=expect(404, agency_staff=OK),
        kwargs=lambda w: {"pk": w.follow_up.pk},
    ),
    "GET /brokering/interests/mine": Op(api_expect(200)),
    "GET /brokering/inbox": Op(api_expect(403, coordinator=200, other_coordinator=200)),
    "GET /brokering/interests/{interest_id}": Op(
        api_expect(404, volunteer=200, coordinator=200, agency_staff=200),
        kwargs=lambda w: {"interest_id": w.interest.pk},
    ),
    "POST /brokering/interests/{interest_id}/status": Op(
        api_expect(404, volunteer=409, coordinator=200, agency_staff=403),
        kwargs=lambda w: {"interest_id": w.interest.pk},
        data=lambda w: {"status": "in_contact"},
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_brokering_has_a_row():
    assert problems("brokering", MATRIX) == []
