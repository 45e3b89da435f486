"""Pages and calendar feeds keep answering when a record already holds a date at the edge
of Python's range (written before the bounds existed, or by a path that skipped them)."""

import datetime as dt

import pytest
from django.urls import reverse

from ehrensache.core.models import CalendarFeed
from ehrensache.core.tokens import new_token
from ehrensache.courses.models import Course, Registration, Session
from tests.factories import CourseFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FAR_FUTURE = dt.datetime(9999, 12, 31, 10, 0, tzinfo=dt.UTC)
FAR_PAST = dt.datetime(1, 1, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def extreme_course(agency):
    course = CourseFactory(agency=agency, capacity=1)
    Session.objects.filter(course=course).update(
        starts_at=FAR_FUTURE - dt.timedelta(hours=4), ends_at=FAR_FUTURE
    )
    Course.objects.filter(pk=course.pk).update(
        registration_opens_at=FAR_PAST,
        registration_closes_at=FAR_FUTURE,
        cancellation_deadline=FAR_FUTURE,
        starts_at=FAR_FUTURE - dt.timedelta(hours=4),
        ends_at=FAR_FUTURE,
    )
    course.refresh_from_db()
    return course


def test_course_pages_and_calendars_answer(client, extreme_course):
    person = UserFactory()
    Registration.objects.create(
        course=extreme_course, person=person, status=Registration.Status.CONFIRMED
    )
    raw, token_hash = new_token()
    CalendarFeed.objects.create(person=person, token_hash=token_hash)
    for url in (
        reverse("courses:catalogue"),
        reverse("courses:catalogue_ics"),
        reverse("courses:detail", kwargs={"pk": extreme_course.pk}),
        reverse("courses:course_ics", kwargs={"pk": extreme_course.pk}),
        reverse("courses:feed", kwargs={"token": raw}),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(person)
    for url in (reverse("courses:mine"),):
        assert client.get(url).status_code == 200, url


def test_registering_for_an_extreme_course_answers(
    client, extreme_course, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("courses:register", kwargs={"pk": extreme_course.pk}))
    assert response.status_code < 500
    assert client.get(reverse("courses:mine")).status_code == 200
