import pytest

from tests.factories import ShiftFactory, ShiftPlanFactory, ShiftSignupFactory, UserFactory, in_days


@pytest.fixture
def plan(organization):
    return ShiftPlanFactory(organization=organization, title="Sommerfest")


@pytest.fixture
def saturday_shifts(plan):
    """Three shifts on one day with four people each (12), one shift on the next day."""
    shifts = [
        ShiftFactory(plan=plan, starts_at=in_days(5, hour), capacity=10, place=f"Stand {hour}")
        for hour in (9, 12, 15)
    ]
    people = []
    for index, shift in enumerate(shifts):
        for n in range(4):
            person = UserFactory(
                email=f"helfer{index}{n}@example.org", display_name=f"Hanna{index}{n} Helfer"
            )
            ShiftSignupFactory(shift=shift, person=person)
            people.append(person)
    other = ShiftFactory(plan=plan, starts_at=in_days(6, 10), capacity=5)
    ShiftSignupFactory(shift=other, person=UserFactory(email="sonntag@example.org"))
    return shifts, people


@pytest.fixture
def saturday(saturday_shifts):
    return saturday_shifts[0][0].starts_at.astimezone().date().isoformat()
