import pytest
from icalendar import Calendar

from ehrensache.core.calendars import renew_calendar_feed
from ehrensache.core.models import CalendarFeed
from ehrensache.core.tokens import new_token
from ehrensache.courses.services import register_for_course
from ehrensache.shifts import calendars
from ehrensache.shifts.models import ShiftSignup
from tests.factories import (
    CourseFactory,
    ShiftFactory,
    ShiftPlanFactory,
    ShiftSignupFactory,
    UserFactory,
    in_days,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_sign_up_and_cannot_attend_through_pages(client, volunteer, organization):
    shift = ShiftFactory(plan__organization=organization, capacity=1)
    client.force_login(volunteer)

    client.post(f"/dienste/{shift.pk}/eintragen/")
    signup = ShiftSignup.objects.get(shift=shift)
    page = client.get("/dienste/").content.decode()
    client.post(f"/dienste/eintragungen/{signup.pk}/ich-kann-nicht/")

    assert "Ich kann nicht" in page
    assert shift.signups.count() == 0


def test_full_shift_shows_message_and_changes_nothing(client, volunteer):
    shift = ShiftFactory(capacity=1)
    ShiftSignupFactory(shift=shift)
    client.force_login(volunteer)

    response = client.post(f"/dienste/{shift.pk}/eintragen/", follow=True)

    assert "schon voll besetzt" in response.content.decode()
    assert shift.signups.count() == 1


def test_someone_elses_signup_cannot_be_cancelled(client, volunteer):
    signup = ShiftSignupFactory()
    client.force_login(volunteer)

    response = client.post(f"/dienste/eintragungen/{signup.pk}/ich-kann-nicht/")

    assert response.status_code == 404
    assert ShiftSignup.objects.filter(pk=signup.pk).exists()


def test_coordinator_sees_people_and_volunteer_does_not(
    client, coordinator, volunteer, organization
):
    signup = ShiftSignupFactory(
        shift__plan__organization=organization, person__display_name="Zora Zeit"
    )
    url = signup.shift.plan.get_absolute_url()

    client.force_login(volunteer)
    as_volunteer = client.get(url).content.decode()
    client.force_login(coordinator)
    as_coordinator = client.get(url).content.decode()

    assert "Zora Zeit" not in as_volunteer
    assert "Zora Zeit" in as_coordinator


@pytest.mark.parametrize("who", ["volunteer", "agency_staff"])
def test_only_coordinators_manage_plans(client, request, organization, who):
    plan = ShiftPlanFactory(organization=organization)
    client.force_login(request.getfixturevalue(who))

    pages = client.get(f"/einsatzstellen/{organization.slug}/dienste/")
    add = client.post(f"/dienste/plaene/{plan.pk}/dienst-anlegen/", {})

    # The organization and its plan are visible to signed-in people; managing them is not.
    assert (pages.status_code, add.status_code) == (403, 403)


def test_coordinator_creates_plan_and_slot_with_errors_kept(client, coordinator, organization):
    client.force_login(coordinator)
    client.post(
        f"/einsatzstellen/{organization.slug}/dienste/", {"title": "Stadtfest", "kind": "event"}
    )
    plan = organization.shift_plans.get()

    bad = client.post(
        f"/dienste/plaene/{plan.pk}/dienst-anlegen/",
        {
            "slot-title": "Bar",
            "slot-starts_at": "2030-05-01T12:00",
            "slot-ends_at": "2030-05-01T10:00",
            "slot-capacity": "2",
        },
    )

    assert bad.status_code == 422
    assert "nach dem Beginn" in bad.content.decode()
    assert 'value="Bar"' in bad.content.decode()
    assert plan.shifts.count() == 0


def test_unconfirmed_organizations_plan_is_hidden(client, volunteer):
    plan = ShiftPlanFactory(organization__status="pending")
    client.force_login(volunteer)

    assert client.get(plan.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_login(client):
    assert client.get("/dienste/").status_code == 302


def test_calendar_feed_has_stable_uids_and_renewing_kills_the_old_address(client, volunteer):
    signup = ShiftSignupFactory(person=volunteer)
    token = renew_calendar_feed(volunteer)

    first = Calendar.from_ical(client.get(f"/dienste/kalender/{token}.ics").content)
    second = Calendar.from_ical(client.get(f"/kalender/{token}.ics").content)
    client.force_login(volunteer)
    client.post("/kalender/")

    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert uids == [calendars.shift_uid(signup.shift)]
    assert client.get(f"/dienste/kalender/{token}.ics").status_code == 404


def test_old_shift_feed_address_still_serves_only_shifts(client, volunteer):
    """A feed migrated from the shifts app keeps its contents; the new one has courses too."""
    signup = ShiftSignupFactory(person=volunteer)
    course = CourseFactory()
    register_for_course(course, person=volunteer)
    raw, token_hash = new_token()
    CalendarFeed.objects.create(person=volunteer, token_hash=token_hash, source="shifts")

    old = Calendar.from_ical(client.get(f"/dienste/kalender/{raw}.ics").content)
    new = Calendar.from_ical(client.get(f"/kalender/{renew_calendar_feed(volunteer)}.ics").content)

    assert [str(e["uid"]) for e in old.walk("VEVENT")] == [calendars.shift_uid(signup.shift)]
    assert str(old["x-wr-calname"]) == "Meine Dienste (Ehrensache)"
    assert len(new.walk("VEVENT")) == 1 + course.sessions.count()
    assert client.get(f"/dienste/kalender/{raw}.ics").status_code == 404  # renewed: gone


def test_my_shifts_links_to_the_personal_calendar(client, volunteer):
    client.force_login(volunteer)

    page = client.get("/dienste/").content.decode()

    assert 'href="/kalender/"' in page
    assert not CalendarFeed.objects.exists()  # looking at the page makes no address


@pytest.mark.parametrize("n", [1, 3])
def test_my_shifts_query_count_is_flat(client, volunteer, django_assert_num_queries, n):
    for _ in range(n):
        ShiftSignupFactory(
            person=volunteer,
            shift=ShiftFactory(starts_at=ShiftFactory().starts_at.replace(year=2031)),
        )
    client.force_login(volunteer)

    with django_assert_num_queries(9):
        client.get("/dienste/")


@pytest.mark.parametrize("n", [1, 3])
def test_plan_page_query_count_is_flat(
    client, coordinator, organization, django_assert_num_queries, n
):
    plan = ShiftPlanFactory(organization=organization)
    for _ in range(n):
        ShiftSignupFactory(shift__plan=plan)
    client.force_login(coordinator)

    with django_assert_num_queries(11):  # + the Verlauf section
        client.get(plan.get_absolute_url())


def test_api_lists_only_own_signups(client, volunteer):
    ShiftSignupFactory(person=volunteer)
    ShiftSignupFactory(person=UserFactory())
    client.force_login(volunteer)

    body = client.get("/api/v1/shifts/mine").json()

    assert len(body) == 1


def test_api_sign_up_refuses_full_shift_with_409(client, volunteer):
    shift = ShiftFactory(capacity=1)
    ShiftSignupFactory(shift=shift)
    client.force_login(volunteer)

    response = client.post(f"/api/v1/shifts/{shift.pk}/signup")

    assert (response.status_code, response.json()["code"]) == (409, "shift_full")


def test_api_sign_up_refuses_overlapping_shift_with_409(client, volunteer):
    first = ShiftFactory(starts_at=in_days(3, 10), ends_at=in_days(3, 12))
    ShiftSignupFactory(shift=first, person=volunteer)
    overlapping = ShiftFactory(starts_at=in_days(3, 11), ends_at=in_days(3, 13))
    client.force_login(volunteer)

    response = client.post(f"/api/v1/shifts/{overlapping.pk}/signup")

    body = response.json()
    assert (response.status_code, body["code"]) == (409, "overlap")
    assert body["detail"].startswith("Zur selben Zeit haben Sie schon einen Dienst: Kuchenstand")
    assert list(ShiftSignup.objects.filter(person=volunteer).values_list("shift", flat=True)) == [
        first.pk
    ]


def test_api_cannot_cancel_someone_elses_signup(client, volunteer):
    signup = ShiftSignupFactory()
    client.force_login(volunteer)

    response = client.post(f"/api/v1/shifts/signups/{signup.pk}/cannot-attend")

    assert response.status_code == 404
    assert ShiftSignup.objects.filter(pk=signup.pk).exists()


def test_api_requires_login(client):
    assert client.get("/api/v1/shifts/mine").status_code == 401


@pytest.mark.parametrize("n", [1, 3])
def test_api_plan_shifts_query_count_is_flat(client, volunteer, django_assert_num_queries, n):
    plan = ShiftPlanFactory()
    ShiftFactory.create_batch(n, plan=plan)
    client.force_login(volunteer)

    with django_assert_num_queries(7):
        response = client.get(f"/api/v1/shifts/plans/{plan.pk}/shifts")

    assert len(response.json()) == n
