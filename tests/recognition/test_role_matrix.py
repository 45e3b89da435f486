"""Role matrix of recognition: every page and API operation × every role (tests/role_matrix.py).

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


def _ecard_rule_pk() -> int:
    from ehrensache.recognition.models import ECardRule

    return ECardRule.objects.order_by("pk").values_list("pk", flat=True).first()


MATRIX = {
    "recognition:overview": Page(get=SIGNED_IN),
    "recognition:save_profile": Page(get=None, post=expect(OK)),
    "recognition:record_card": Page(get=None, post=expect(OK)),
    "recognition:request_proof": Page(get=None, post=expect(OK)),
    "recognition:proof_pdf": Page(
        get=expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.issued_proof.pk}
    ),
    "recognition:issue_proof": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.proof.pk},
    ),
    "recognition:decline_proof": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK),
        kwargs=lambda w: {"pk": w.proof.pk},
    ),
    "recognition:ecard_application": Page(get=expect(302, volunteer=200)),
    "recognition:kompetenz_pdf": Page(get=SIGNED_IN, kwargs=lambda w: {"year": w.today.year}),
    "recognition:organization_proofs": Page(
        get=expect(403, coordinator=200), kwargs=lambda w: {"slug": w.organization.slug}
    ),
    "recognition:organization_releases": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"slug": w.organization.slug},
    ),
    "recognition:release": Page(
        get=expect(404, coordinator=200), kwargs=lambda w: {"pk": w.release.pk}
    ),
    "recognition:release_status": Page(
        get=None, post=expect(404, coordinator=OK), kwargs=lambda w: {"pk": w.release.pk}
    ),
    "recognition:release_pdf": Page(
        get=expect(404, coordinator=200),
        kwargs=lambda w: {"pk": w.release.pk, "document": "arbeitgeber"},
    ),
    "recognition:ecard_rules": Page(get=expect(403, network_staff=200)),
    "recognition:ecard_rule_add": Page(
        get=expect(403, network_staff=200),
        post=expect(403, network_staff=OK),
    ),
    "recognition:ecard_rule_edit": Page(
        get=expect(403, network_staff=200),
        post=expect(403, network_staff=OK),
        kwargs=lambda w: {"pk": _ecard_rule_pk()},
    ),
    "recognition:verify_form": Page(get=expect(301, anonymous=301)),
    "recognition:verify": Page(
        get=expect(301, anonymous=301), kwargs=lambda w: {"code": w.issued_proof.verification_code}
    ),
    "GET /recognition/proofs": Op(api_expect(200)),
    "GET /recognition/release-requests": Op(api_expect(200)),
    "GET /recognition/ecard-eligibility": Op(api_expect(404, volunteer=200)),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_recognition_has_a_row():
    assert problems("recognition", MATRIX) == []
