import pytest

from ehrensache.courses import services
from ehrensache.courses.models import Course, Registration
from tests.factories import AgencyMembershipFactory, CourseFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = Registration.Status


@pytest.mark.parametrize("n", [1, 3])
def test_list_courses_query_count_is_flat(client, agency, n, django_assert_num_queries):
    for _ in range(n):
        CourseFactory(agency=agency)

    with django_assert_num_queries(2):
        response = client.get("/api/v1/courses")

    assert response.json()["count"] == n


def test_list_courses_shows_seats_and_filters(client, agency, people):
    full = CourseFactory(agency=agency, title="Voll (Demo)", capacity=1)
    services.register_for_course(full, person=people[0])
    services.register_for_course(full, person=people[1])
    CourseFactory(agency=agency, title="Frei (Demo)", category="hospice")
    CourseFactory(agency=agency, title="Entwurf", status=Course.Status.DRAFT)

    everything = client.get("/api/v1/courses").json()
    free = client.get("/api/v1/courses", {"free": "true"}).json()
    hospice = client.get("/api/v1/courses", {"category": "hospice"}).json()

    rows = {c["title"]: (c["free_seats"], c["waiting_list"]) for c in everything["items"]}
    assert rows == {"Voll (Demo)": (0, 1), "Frei (Demo)": (5, 0)}
    assert [c["title"] for c in free["items"]] == ["Frei (Demo)"]
    assert [c["title"] for c in hospice["items"]] == ["Frei (Demo)"]


def test_list_courses_bad_input_is_422(client):
    response = client.get("/api/v1/courses", {"category": "zauberei", "date_from": "gestern"})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_course_detail_and_draft_404(client, course):
    draft = CourseFactory(agency=course.agency, status=Course.Status.DRAFT)

    detail = client.get(f"/api/v1/courses/{course.pk}")

    assert detail.json()["sessions"][0]["teaching_units"] in ("8.0", 8.0, "8")
    assert client.get(f"/api/v1/courses/{draft.pk}").status_code == 404


def test_register_through_api(client, course, people):
    client.force_login(people[0])

    first = client.post(f"/api/v1/courses/{course.pk}/registrations")
    again = client.post(f"/api/v1/courses/{course.pk}/registrations")

    assert (first.status_code, first.json()["status"]) == (201, "confirmed")
    assert (again.status_code, again.json()["code"]) == (409, "already_registered")
    assert course.registrations.count() == 1


def test_register_through_api_needs_login(client, course):
    assert client.post(f"/api/v1/courses/{course.pk}/registrations").status_code == 401


def test_waitlist_position_in_api(client, course, people):
    for p in people[:3]:
        services.register_for_course(course, person=p)
    client.force_login(people[3])

    response = client.post(f"/api/v1/courses/{course.pk}/registrations")

    assert (response.json()["status"], response.json()["waitlist_position"]) == ("waitlisted", 2)


def test_participants_only_for_staff(client, course, staff, volunteer, other_agency):
    services.register_for_course(course, person=volunteer)
    outsider = AgencyMembershipFactory(agency=other_agency).user
    url = f"/api/v1/courses/{course.pk}/participants"

    assert client.get(url).status_code == 401
    client.force_login(volunteer)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 403  # sees the published course, does not manage it
    client.force_login(staff)
    assert [p["email"] for p in client.get(url).json()] == [volunteer.email]


PARTICIPANTS_REFUSED = (
    "Teilnehmendenlisten sehen nur Anlaufstellen, Einsatzstellen und das Netzwerk, die Kurse "
    "anbieten."
)


def test_participants_403_for_people_who_offer_no_courses(client, course, volunteer):
    client.force_login(volunteer)

    response = client.get(f"/api/v1/courses/{course.pk}/participants")
    unknown = client.get("/api/v1/courses/999999/participants")

    assert response.status_code == 403
    assert response.json() == {"detail": PARTICIPANTS_REFUSED, "code": "forbidden", "errors": []}
    assert unknown.status_code == 403


def test_participants_403_for_providers_of_other_published_courses_404_for_their_drafts(
    client, course, coordinator, other_agency, network_staff
):
    agency_outsider = AgencyMembershipFactory(agency=other_agency).user
    draft = CourseFactory(agency=course.agency, status="draft")

    statuses = []
    for user in (coordinator, agency_outsider, network_staff):
        client.force_login(user)
        published = client.get(f"/api/v1/courses/{course.pk}/participants")
        hidden = client.get(f"/api/v1/courses/{draft.pk}/participants")
        statuses.append((published.json()["code"], hidden.json()["code"]))

    assert statuses == [("forbidden", "not_found")] * 3
    assert published.status_code == 403
    assert published.json()["detail"] == "Nur die Mitarbeitenden des Anbieters dürfen das."
    assert hidden.status_code == 404


def test_participants_403_in_english_for_an_english_account(client, course, volunteer):
    volunteer.preferred_language = "en"
    volunteer.save(update_fields=["preferred_language"])
    client.force_login(volunteer)

    response = client.get(f"/api/v1/courses/{course.pk}/participants")

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only agencies, organizations and the network that offer courses see participant lists."
    )


def test_my_registrations_only_own(client, course, people):
    mine = services.register_for_course(course, person=people[0])
    services.register_for_course(course, person=people[1])
    client.force_login(people[0])

    response = client.get("/api/v1/courses/registrations/mine")

    assert [r["id"] for r in response.json()] == [mine.pk]


def test_cancel_and_confirm_someone_elses_registration_is_404(client, course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:2]]
    client.force_login(people[1])

    assert client.post(f"/api/v1/courses/registrations/{regs[0].pk}/cancel").status_code == 404
    assert client.post(f"/api/v1/courses/registrations/{regs[0].pk}/confirm").status_code == 404
    regs[0].refresh_from_db()
    assert regs[0].status == S.CONFIRMED


def test_cancel_and_confirm_offer_through_api(client, course, people):
    regs = [services.register_for_course(course, person=p) for p in people[:3]]
    client.force_login(people[0])
    cancelled = client.post(f"/api/v1/courses/registrations/{regs[0].pk}/cancel")
    client.force_login(people[2])

    confirmed = client.post(f"/api/v1/courses/registrations/{regs[2].pk}/confirm")
    twice = client.post(f"/api/v1/courses/registrations/{regs[2].pk}/confirm")

    assert (cancelled.json()["status"], confirmed.json()["status"]) == ("cancelled", "confirmed")
    assert twice.status_code == 409
