"""The last place goes to exactly one of several racers (real threads, PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from ehrensache.core.errors import DomainError
from ehrensache.shifts import services
from ehrensache.shifts.models import Shift
from tests.factories import UserFactory

from .factories import ShiftFactory

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
