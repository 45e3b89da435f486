import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.shifts import services
from ehrensache.shifts.models import ShiftSignup
from tests.factories import ShiftFactory, ShiftPlanFactory, ShiftSignupFactory, UserFactory, in_days

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_sign_up_refuses_when_slot_is_full():
    shift = ShiftFactory(capacity=1)
    services.sign_up(shift, person=UserFactory())

    with pytest.raises(services.ShiftFull):
        services.sign_up(shift, person=UserFactory())

    assert shift.signups.count() == 1


def test_sign_up_refuses_second_signup_of_same_person():
    shift = ShiftFactory(capacity=5)
    person = UserFactory()
    services.sign_up(shift, person=person)

    with pytest.raises(DomainError) as exc:
        services.sign_up(shift, person=person)

    assert exc.value.code == "duplicate"
    assert shift.signups.count() == 1


def test_database_refuses_duplicate_signup():
    signup = ShiftSignupFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ShiftSignup.objects.create(shift=signup.shift, person=signup.person)


def test_sign_up_refuses_overlapping_shift():
    person = UserFactory()
    first = ShiftFactory(starts_at=in_days(3, 10), ends_at=in_days(3, 12))
    overlapping = ShiftFactory(starts_at=in_days(3, 11), ends_at=in_days(3, 13))
    services.sign_up(first, person=person)

    with pytest.raises(DomainError) as exc:
        services.sign_up(overlapping, person=person)

    assert exc.value.code == "overlap"
    assert list(person.shift_signups.values_list("shift_id", flat=True)) == [first.pk]


def test_sign_up_allows_back_to_back_shifts():
    person = UserFactory()
    services.sign_up(ShiftFactory(starts_at=in_days(3, 10), ends_at=in_days(3, 12)), person=person)

    services.sign_up(ShiftFactory(starts_at=in_days(3, 12), ends_at=in_days(3, 14)), person=person)

    assert person.shift_signups.count() == 2


def test_sign_up_refuses_past_shift():
    shift = ShiftFactory(starts_at=in_days(-2, 10), ends_at=in_days(-2, 12))

    with pytest.raises(DomainError):
        services.sign_up(shift, person=UserFactory())

    assert shift.signups.count() == 0


def test_sign_up_refuses_plan_of_unconfirmed_organization():
    shift = ShiftFactory(plan__organization__status="pending")

    with pytest.raises(NotFound):
        services.sign_up(shift, person=UserFactory())


def test_cannot_attend_frees_slot_and_mails_coordinator(
    coordinator, organization, django_capture_on_commit_callbacks
):
    plan = ShiftPlanFactory(organization=organization, coordinator=coordinator)
    shift = ShiftFactory(plan=plan, capacity=1)
    person = UserFactory(display_name="Paula Probe")
    signup = services.sign_up(shift, person=person)

    with django_capture_on_commit_callbacks(execute=True):
        services.cannot_attend(signup, actor=person)

    assert shift.signups.count() == 0
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Paula Probe" in mail.outbox[0].body
    services.sign_up(shift, person=UserFactory())
    assert shift.signups.count() == 1


def test_cannot_attend_refuses_someone_elses_signup():
    signup = ShiftSignupFactory()

    with pytest.raises(NotFound):
        services.cannot_attend(signup, actor=UserFactory())

    assert ShiftSignup.objects.filter(pk=signup.pk).exists()


def test_reminder_goes_out_once_the_day_before(django_capture_on_commit_callbacks):
    tomorrow = ShiftSignupFactory(shift__starts_at=in_days(1, 9), shift__ends_at=in_days(1, 11))
    ShiftSignupFactory(shift__starts_at=in_days(2, 9), shift__ends_at=in_days(2, 11))

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_shift_reminders()
        second = services.send_shift_reminders()

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [[tomorrow.person.email]]


def test_weekly_shifts_are_created_on_the_same_weekday(coordinator, organization):
    plan = ShiftPlanFactory(organization=organization, kind="weekly")
    first_day = in_days(7).date()

    shifts = services.add_weekly_shifts(
        plan,
        first_day=first_day,
        start_time=dt.time(18),
        end_time=dt.time(20),
        weeks=4,
        capacity=3,
        actor=coordinator,
    )

    days = [s.starts_at.date() for s in shifts]
    assert days == [first_day + dt.timedelta(weeks=w) for w in range(4)]


@pytest.mark.parametrize("weeks", [0, 53])
def test_weekly_shifts_refuse_absurd_number_of_weeks(coordinator, organization, weeks):
    plan = ShiftPlanFactory(organization=organization)

    with pytest.raises(InvalidInput):
        services.add_weekly_shifts(
            plan,
            first_day=in_days(7).date(),
            start_time=dt.time(18),
            end_time=dt.time(20),
            weeks=weeks,
            capacity=3,
            actor=coordinator,
        )

    assert plan.shifts.count() == 0


def test_add_shift_refuses_end_before_start(coordinator, organization):
    plan = ShiftPlanFactory(organization=organization)

    with pytest.raises(InvalidInput):
        services.add_shift(
            plan, starts_at=in_days(3, 12), ends_at=in_days(3, 10), capacity=2, actor=coordinator
        )

    assert plan.shifts.count() == 0


def test_add_shift_refuses_other_organizations_coordinator(coordinator):
    plan = ShiftPlanFactory()

    with pytest.raises(Forbidden):  # a plan of a confirmed organization: visible, not theirs
        services.add_shift(
            plan, starts_at=in_days(3, 10), ends_at=in_days(3, 12), capacity=2, actor=coordinator
        )
