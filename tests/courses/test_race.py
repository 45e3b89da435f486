"""Real concurrent connections against PostgreSQL: the course row lock never overbooks."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from ehrensache.core.errors import DomainError
from ehrensache.courses import services
from ehrensache.courses.models import Course, Registration
from tests.factories import CourseFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers with BEGIN IMMEDIATE; real row locks need PostgreSQL",
    ),
]


def _race(course_id, person_ids, barrier):
    def attempt(person_id):
        from ehrensache.accounts.models import User

        try:
            person = User.objects.get(pk=person_id)
            barrier.wait(timeout=30)
            registration = services.register_for_course(
                Course.objects.get(pk=course_id), person=person
            )
            return registration.status
        except DomainError as exc:
            return f"refused:{exc.code}"
        except Exception as exc:  # noqa: BLE001 - any other outcome is a failure to count
            return f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(person_ids)) as pool:
        return list(pool.map(attempt, person_ids))


def test_fifty_concurrent_attempts_for_five_seats(regions):
    course = CourseFactory(capacity=5)
    people = [UserFactory(password="x", verified=False) for _ in range(50)]
    barrier = threading.Barrier(50)

    outcomes = _race(course.pk, [p.pk for p in people], barrier)

    assert [o for o in outcomes if o.startswith(("error", "refused"))] == []
    assert outcomes.count("confirmed") == 5
    assert outcomes.count("waitlisted") == 45
    waiting = list(
        Registration.objects.filter(course=course, status="waitlisted")
        .order_by("waitlist_rank")
        .values_list("waitlist_rank", "pk")
    )
    assert [rank for rank, _pk in waiting] == list(range(1, 46))
    # The queue follows arrival: ranks grow with the insertion order.
    assert [pk for _rank, pk in waiting] == sorted(pk for _rank, pk in waiting)
    course.refresh_from_db()
    assert course.waitlist_counter == 45


def test_same_person_racing_twice_gets_one_registration(regions):
    course = CourseFactory(capacity=5)
    person = UserFactory(password="x", verified=False)
    barrier = threading.Barrier(10)

    outcomes = _race(course.pk, [person.pk] * 10, barrier)

    assert outcomes.count("confirmed") == 1
    assert outcomes.count("refused:already_registered") == 9
    assert Registration.objects.filter(course=course).count() == 1


def test_last_seat_cancellation_race_offers_exactly_once(regions):
    course = CourseFactory(capacity=1)
    holder, *waiting = [UserFactory(password="x", verified=False) for _ in range(4)]
    first = services.register_for_course(course, person=holder)
    for person in waiting:
        services.register_for_course(course, person=person)
    barrier = threading.Barrier(2)

    def cancel():
        try:
            barrier.wait(timeout=30)
            services.cancel_registration(first, actor=holder)
            return "ok"
        except DomainError as exc:
            return exc.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda _i: cancel(), range(2)))

    assert outcomes == ["not_active", "ok"]
    assert list(
        Registration.objects.filter(course=course).order_by("pk").values_list("status", flat=True)
    ) == ["cancelled", "offered", "waitlisted", "waitlisted"]
