"""Role matrix of courses: every page and API operation × every role (tests/role_matrix.py).

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
    "courses:catalogue": Page(get=PUBLIC),
    "courses:catalogue_ics": Page(get=PUBLIC),
    "courses:my_calendar": Page(get=expect(301, anonymous=301)),
    "courses:feed": Page(get=PUBLIC, kwargs=lambda w: {"token": w.tokens["calendar"]}),
    "courses:mine": Page(get=SIGNED_IN),
    "courses:manage_list": Page(get=expect(200, volunteer=403, volunteer2=403, operator=403)),
    "courses:create": Page(
        get=expect(200, volunteer=403, volunteer2=403, operator=403),
        post=expect(OK, volunteer=403, volunteer2=403, operator=403),
    ),
    "courses:detail": Page(get=PUBLIC, kwargs=lambda w: {"pk": w.course.pk}),
    "courses:course_ics": Page(get=PUBLIC, kwargs=lambda w: {"pk": w.course.pk}),
    "courses:register": Page(get=None, post=expect(OK), kwargs=lambda w: {"pk": w.course.pk}),
    "courses:register_other": Page(
        get=expect(403, coordinator=200, other_coordinator=200),
        post=expect(403, coordinator=OK, other_coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk},
    ),
    "courses:edit": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk},
    ),
    "courses:manage": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk},
    ),
    "courses:edit_session": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk, "session_pk": w.session.pk},
    ),
    "courses:remove_session": Page(
        get=None,
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk, "session_pk": w.session.pk},
    ),
    "courses:publish": Page(
        get=None, post=expect(403, coordinator=OK), kwargs=lambda w: {"pk": w.course.pk}
    ),
    "courses:cancel_course": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk},
    ),
    "courses:close": Page(
        get=None, post=expect(403, coordinator=OK), kwargs=lambda w: {"pk": w.course.pk}
    ),
    "courses:participants": Page(
        get=expect(403, coordinator=200), kwargs=lambda w: {"pk": w.course.pk}
    ),
    "courses:participants_csv": Page(
        get=expect(403, coordinator=200), kwargs=lambda w: {"pk": w.course.pk}
    ),
    "courses:participant": Page(
        get=expect(403, coordinator=200),
        kwargs=lambda w: {"pk": w.course.pk, "registration_pk": w.registration.pk},
    ),
    "courses:attendance": Page(
        get=expect(403, coordinator=200),
        post=expect(403, coordinator=OK),
        kwargs=lambda w: {"pk": w.course.pk, "session_pk": w.session.pk},
    ),
    "courses:registration": Page(
        get=expect(404, volunteer=200), kwargs=lambda w: {"pk": w.registration.pk}
    ),
    "courses:confirm": Page(
        get=None, post=expect(404, volunteer=OK), kwargs=lambda w: {"pk": w.registration.pk}
    ),
    "courses:cancel": Page(
        get=None, post=expect(404, volunteer=OK), kwargs=lambda w: {"pk": w.registration.pk}
    ),
    "courses:certificate": Page(
        get=expect(404, volunteer=200, coordinator=200), kwargs=lambda w: {"pk": w.registration.pk}
    ),
    "courses:verify_form": Page(get=PUBLIC),
    "courses:verify": Page(get=PUBLIC, kwargs=lambda w: {"code": w.completion.verification_code}),
    "GET /courses": Op(api_expect(200, anonymous=200)),
    "GET /courses/registrations/mine": Op(api_expect(200)),
    "GET /courses/{course_id}": Op(
        api_expect(200, anonymous=200), kwargs=lambda w: {"course_id": w.course.pk}
    ),
    "POST /courses/{course_id}/registrations": Op(
        api_expect(201, volunteer=409), kwargs=lambda w: {"course_id": w.course.pk}
    ),
    "GET /courses/{course_id}/participants": Op(
        api_expect(403, coordinator=200), kwargs=lambda w: {"course_id": w.course.pk}
    ),
    "POST /courses/registrations/{registration_id}/cancel": Op(
        api_expect(404, volunteer=200), kwargs=lambda w: {"registration_id": w.registration.pk}
    ),
    "POST /courses/registrations/{registration_id}/confirm": Op(
        api_expect(404, volunteer=409), kwargs=lambda w: {"registration_id": w.registration.pk}
    ),
}


@pytest.mark.parametrize(("key", "method", "role"), cells(MATRIX))
def test_role_matrix(key, method, role, matrix_world):
    check_cell(matrix_world, MATRIX, key, method, role)


def test_every_url_of_courses_has_a_row():
    assert problems("courses", MATRIX) == []
