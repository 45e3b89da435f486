"""Role matrix of opportunities: every page and API operation × every role (tests/role_matrix.py).

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
    "opportunities:search": Page(get=PUBLIC),
    "opportunities:search_rss": Page(get=PUBLIC),
    "opportunities:search_atom": Page(get=PUBLIC),
    "opportunities:detail": Page(
        get=PUBLIC, kwargs=lambda w: {"pk": w.opportunity.pk, "slug": w.opportunity.slug}
    ),
    "opportunities:edit": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.opportunity.pk},
    ),
    "opportunities:status": Page(
        get=None,
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.opportunity.pk},
    ),
    "opportunities:manage": Page(get=SIGNED_IN),
    "opportunities:create": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"slug": w.organization.slug},
    ),
    "opportunities:organization_rss": Page(
        get=PUBLIC, kwargs=lambda w: {"slug": w.organization.slug}
    ),
    "opportunities:organization_atom": Page(
        get=PUBLIC, kwargs=lambda w: {"slug": w.organization.slug}
    ),
    "opportunities:agency_rss": Page(get=PUBLIC, kwargs=lambda w: {"slug": w.agency.slug}),
    "opportunities:agency_atom": Page(get=PUBLIC, kwargs=lambda w: {"slug": w.agency.slug}),
    "opportunities:district_rss": Page(
        get=PUBLIC, kwargs=lambda w: {"key": w.organization.district.key}
    ),
    "opportunities:district_atom": Page(
        get=PUBLIC, kwargs=lambda w: {"key": w.organization.district.key}
    ),
    "opportunities:feed_json": Page(get=PUBLIC),
    "opportunities:feed_csv": Page(get=PUBLIC),
    "opportunities:feed_fields": Page(get=PUBLIC),
    "opportunities:widget": Page(get=PUBLIC),
    "opportunities:widget_css": Page(get=PUBLIC),
    "opportunities:widget_docs": Page(get=PUBLIC),
    "opportunities:tokens": Page(get=SIGNED_IN, post=expect(OK)),
    "GET /opportunities": Op(api_expect(200, anonymous=200)),
    "POST /opportunities": Op(
        api_expect(403, coordinator=201),
        data=lambda w: {
            "organization": w.organization.slug,
            "title": "Neues Angebot",
            "description": "Beschreibung",
            "field": "soziales",
            "postal_code": "35037",
        },
    ),
    "GET /opportunities/mine": Op(api_expect(200)),
    "GET /opportunities/{opportunity_id}": Op(
        api_expect(200, anonymous=200), kwargs=lambda w: {"opportunity_id": w.opportunity.pk}
    ),
    "PATCH /opportunities/{opportunity_id}": Op(
        api_expect(403, coordinator=200),
        kwargs=lambda w: {"opportunity_id": w.opportunity.pk},
        data=lambda w: {"title": "Neuer Titel"},
    ),
    "POST /opportunities/{opportunity_id}/status": Op(
        api_expect(403, coordinator=200),
        kwargs=lambda w: {"opportunity_id": w.opportunity.pk},
        data=lambda w: {"action": "pause"},
    ),
    "GET /fields": Op(api_expect(200, anonymous=200)),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_opportunities_has_a_row():
    assert problems("opportunities", MATRIX) == []
