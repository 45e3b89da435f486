"""The last place goes to exactly one of several racers (real threads, PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from ehrensache.core.errors import DomainError
from ehrensache.shifts import services
from ehrensache.shifts.models import Shift, ShiftSignup
from tests.factories import ShiftFactory, UserFactory, in_days

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_last_place_goes_to_exactly_one_racer(regions):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE; the race needs PostgreSQL")
    shift = ShiftFactory(capacity=2)
    people = [UserFactory() for _ in range(8)]

    def attempt(person_pk):
        try:
            from ehrensache.accounts.models import User

            services.sign_up(
                Shift.objects.select_related("plan__organization").get(pk=shift.pk),
                person=User.objects.get(pk=person_pk),
            )
            return "ok"
        except DomainError as exc:
            return exc.code
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, [p.pk for p in people]))

    assert outcomes.count("ok") == 2
    assert outcomes.count("shift_full") == 6
    assert shift.signups.count() == 2


ROUNDS = 12


def test_same_person_gets_only_one_of_two_overlapping_slots(regions):
    """One person clicks two overlapping slots at the same moment (two tabs), many times:
    each round ends with exactly one sign-up, the other attempt is refused as an overlap."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE; the race needs PostgreSQL")
    from ehrensache.accounts.models import User

    person = UserFactory()
    rounds = []
    for day in range(ROUNDS):
        morning = ShiftFactory(starts_at=in_days(3 + day, 10), ends_at=in_days(3 + day, 12))
        late_morning = ShiftFactory(starts_at=in_days(3 + day, 11), ends_at=in_days(3 + day, 13))
        rounds.append((morning.pk, late_morning.pk))

    def attempt(shift_pk, start):
        try:
            shift = Shift.objects.select_related("plan__organization").get(pk=shift_pk)
            who = User.objects.get(pk=person.pk)
            start.wait(timeout=10)  # both threads leave the gate together
            services.sign_up(shift, person=who)
            return "ok"
        except DomainError as exc:
            return exc.code
        finally:
            connection.close()  # each thread has its own connection

    outcomes = []
    with ThreadPoolExecutor(2) as pool:
        for pair in rounds:
            start = Barrier(2)
            outcomes.append(sorted(pool.map(attempt, pair, [start, start])))

    assert outcomes == [["ok", "overlap"]] * ROUNDS
    assert ShiftSignup.objects.filter(person=person).count() == ROUNDS
