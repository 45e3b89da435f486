"""The shifts rules through services and pages: 404 for hidden plans, 403 for actions."""

import pytest

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.organizations.models import Organization
from ehrensache.shifts import services
from tests.factories import (
    OrganizationFactory,
    ShiftFactory,
    ShiftPlanFactory,
    ShiftSignupFactory,
    UserFactory,
    in_days,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


def _add(plan, actor):
    return services.add_shift(
        plan, starts_at=in_days(3, 10), ends_at=in_days(3, 12), capacity=2, actor=actor
    )


def test_the_owners_coordinator_adds_shifts(client, coordinator, organization):
    plan = ShiftPlanFactory(organization=organization)

    assert _add(plan, coordinator).plan == plan
    client.force_login(coordinator)
    assert client.get(f"/einsatzstellen/{organization.slug}/dienste/").status_code == 200


def test_a_plan_of_a_pending_organization_is_hidden(client, coordinator, volunteer, superuser):
    pending = OrganizationFactory(name="Noch offen e.V.", status=Organization.Status.PENDING)
    shift = ShiftFactory(plan=ShiftPlanFactory(organization=pending))

    for person in (coordinator, volunteer, superuser):
        with pytest.raises(NotFound):
            _add(shift.plan, person)
        with pytest.raises(NotFound):
            services.sign_up(shift, person=person)
        client.force_login(person)
        assert client.get(f"/dienste/plaene/{shift.plan.pk}/").status_code == 404


def test_superuser_signs_up_like_a_volunteer_but_manages_nothing(client, organization, superuser):
    shift = ShiftFactory(plan=ShiftPlanFactory(organization=organization))

    assert services.sign_up(shift, person=superuser).person == superuser
    with pytest.raises(Forbidden):
        _add(shift.plan, superuser)
    client.force_login(superuser)
    assert client.get(f"/einsatzstellen/{organization.slug}/dienste/").status_code == 403


def test_only_the_person_cancels_a_signup(coordinator, organization, volunteer):
    signup = ShiftSignupFactory(
        shift=ShiftFactory(plan=ShiftPlanFactory(organization=organization))
    )

    with pytest.raises(NotFound):  # someone else's sign-up does not exist for them
        services.cannot_attend(signup, actor=volunteer)
    with pytest.raises(Forbidden):  # the coordinator sees it and takes people off another way
        services.cannot_attend(signup, actor=coordinator)
    services.remove_signup(signup, actor=coordinator)
