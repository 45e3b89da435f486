import pytest

from ehrensache.core.taxonomy import FieldOfActivity
from tests.factories import (
    AgencyMembershipFactory,
    OpportunityFactory,
    OrganizationMembershipFactory,
    UserFactory,
)


@pytest.fixture
def opportunity(organization):
    return OpportunityFactory(
        organization=organization,
        title="Hausaufgabenhilfe Marburg",
        description="Kinder der Grundschule bei den Hausaufgaben begleiten.",
        field=FieldOfActivity.BILDUNG,
        on_saturday=True,
        in_afternoon=True,
        hours_per_week=2,
    )


@pytest.fixture
def other_coordinator(db):
    """Coordinator of a different organization."""
    return OrganizationMembershipFactory(user__email="other-coordinator@example.org").user


@pytest.fixture
def other_agency_staff(other_agency):
    return AgencyMembershipFactory(agency=other_agency, user__email="other-agency@example.org").user


@pytest.fixture
def other_volunteer(db):
    return UserFactory(email="other-volunteer@example.org")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(execute=True): ...`` runs the on-commit callbacks (mails) of the block."""
    return django_capture_on_commit_callbacks
