"""Role matrix of guide: every page and API operation × every role (tests/role_matrix.py).

Add a row for each new URL name or API operation; ``xfail`` marks a cell where today's code
answers differently from the policy (docs/DEVELOPING.md, "Role matrix").
"""

import pytest

from tests.role_matrix import (
    OK,
    PUBLIC,
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
    "guide:index": Page(get=PUBLIC),
    "guide:editor": Page(get=expect(403, network_staff=200)),
    "guide:episode_create": Page(
        get=expect(403, network_staff=200), post=expect(403, network_staff=OK)
    ),
    "guide:episode_edit": Page(
        get=expect(403, network_staff=200),
        post=expect(403, network_staff=OK),
        kwargs=lambda w: {"pk": w.episode.pk},
    ),
    "guide:episode": Page(
        get=PUBLIC, kwargs=lambda w: {"number": w.episode.number, "slug": w.episode.slug}
    ),
    "guide:worksheet": Page(
        get=PUBLIC, kwargs=lambda w: {"number": w.episode.number, "slug": w.episode.slug}
    ),
    "guide:worksheet_pdf": Page(
        get=PUBLIC, kwargs=lambda w: {"number": w.episode.number, "slug": w.episode.slug}
    ),
    "guide:check": Page(get=PUBLIC),
    "guide:questionnaires": Page(
        get=expect(403, network_staff=200), post=expect(403, network_staff=OK)
    ),
    "guide:questionnaire": Page(
        get=expect(403, network_staff=200),
        post=expect(403, network_staff=OK),
        kwargs=lambda w: {"pk": w.questionnaire.pk},
    ),
    "guide:statement_edit": Page(
        get=expect(403, network_staff=200),
        post=expect(403, network_staff=OK),
        kwargs=lambda w: {"pk": w.statement.pk},
    ),
    "guide:aggregates": Page(get=expect(403, network_staff=200)),
    "guide:team_create": Page(
        get=expect(
            403, coordinator=200, other_coordinator=200, agency_staff=200, other_agency_staff=200
        ),
        post=expect(
            403, coordinator=OK, other_coordinator=OK, agency_staff=OK, other_agency_staff=OK
        ),
    ),
    "guide:team": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=200),
        kwargs=lambda w: {"pk": w.team.pk},
    ),
    "guide:member_add": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.team.pk},
    ),
    "guide:member_remove": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.team_member.pk},
    ),
    "guide:team_settings": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.team.pk},
    ),
    "guide:round_start": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.team.pk},
    ),
    "guide:plan": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=200),
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.team.pk},
    ),
    "guide:round": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=200),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:round_links": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:round_mail_links": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:round_close": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:results": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=200),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:results_pdf": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=200),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:answer_member": Page(
        get=expect(404, volunteer=200, coordinator=200, agency_staff=403),
        kwargs=lambda w: {"pk": w.round.pk},
    ),
    "guide:answer_thanks": Page(get=PUBLIC),
    "guide:answer": Page(get=PUBLIC, kwargs=lambda w: {"token": w.tokens["answer"]}),
    "guide:measure_status": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.measure.pk},
    ),
    "guide:measure_delete": Page(
        get=None,
        post=expect(404, volunteer=403, coordinator=OK, agency_staff=403),
        kwargs=lambda w: {"pk": w.measure.pk},
    ),
    "GET /guide/episodes": Op(api_expect(200, anonymous=200)),
    "GET /guide/episodes/{number}": Op(
        api_expect(200, anonymous=200), kwargs=lambda w: {"number": w.episode.number}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_guide_has_a_row():
    assert problems("guide", MATRIX) == []
