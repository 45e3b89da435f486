"""Release from work (HKJGB §§ 42–47): 12 working days / 24 half days per calendar year."""

import datetime as dt

import pytest

from ehrensache.core.errors import DomainError, Forbidden, InvalidInput
from ehrensache.recognition import services
from ehrensache.recognition.models import ReleaseRequest, ReleaseRule
from tests.factories import EngagementFactory, ReleaseRequestFactory

from .factories import profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2027, 1, 10)


@pytest.fixture
def leader(organization):
    return EngagementFactory(organization=organization).volunteer


def request(organization, leader, coordinator, *, day, half_days, last_day=None):
    return services.create_release_request(
        organization,
        leader=leader,
        event_title="Zeltlager",
        event_place="Edersee",
        first_day=day,
        last_day=last_day or day,
        half_days=half_days,
        responsible_body="jugendamt",
        employer_name="Beispiel GmbH",
        employer_address="Musterstraße 1",
        actor=coordinator,
        today=TODAY,
    )


def test_twelve_days_allowed_and_thirteenth_refused(organization, coordinator, leader):
    for week in range(12):
        request(
            organization,
            leader,
            coordinator,
            day=dt.date(2027, 2, 1) + dt.timedelta(weeks=week),
            half_days=2,
        )

    with pytest.raises(DomainError) as exc:
        request(organization, leader, coordinator, day=dt.date(2027, 6, 1), half_days=2)

    assert exc.value.code == "budget_exceeded"
    assert "noch 0 von 12 Arbeitstagen" in str(exc.value)
    assert ReleaseRequest.objects.filter(leader=leader).count() == 12


def test_twenty_four_half_days_allowed_and_twenty_fifth_refused(organization, coordinator, leader):
    for n in range(24):
        request(
            organization,
            leader,
            coordinator,
            day=dt.date(2027, 2, 1) + dt.timedelta(days=n),
            half_days=1,
        )

    with pytest.raises(DomainError) as exc:
        request(organization, leader, coordinator, day=dt.date(2027, 6, 1), half_days=1)

    assert exc.value.code == "budget_exceeded"
    assert services.release_budget(leader, 2027)["used_half_days"] == 24


def test_refusal_shows_remaining_days_and_saves_nothing(organization, coordinator, leader):
    request(
        organization,
        leader,
        coordinator,
        day=dt.date(2027, 3, 1),
        last_day=dt.date(2027, 3, 10),
        half_days=19,
    )

    with pytest.raises(DomainError) as exc:
        request(
            organization,
            leader,
            coordinator,
            day=dt.date(2027, 7, 5),
            last_day=dt.date(2027, 7, 9),
            half_days=10,
        )

    assert "noch 2,5 von 12 Arbeitstagen" in str(exc.value)
    assert ReleaseRequest.objects.filter(leader=leader).count() == 1


def test_budget_is_not_carried_over_to_next_year(organization, coordinator, leader):
    request(
        organization,
        leader,
        coordinator,
        day=dt.date(2027, 3, 1),
        last_day=dt.date(2027, 3, 12),
        half_days=24,
    )

    request(
        organization,
        leader,
        coordinator,
        day=dt.date(2028, 3, 1),
        last_day=dt.date(2028, 3, 12),
        half_days=24,
    )

    assert services.release_budget(leader, 2027)["remaining_half_days"] == 0
    assert services.release_budget(leader, 2028)["remaining_half_days"] == 0
    assert services.release_budget(leader, 2029)["remaining_half_days"] == 24


def test_withdrawn_request_gives_days_back(organization, coordinator, leader):
    release = request(
        organization,
        leader,
        coordinator,
        day=dt.date(2027, 3, 1),
        last_day=dt.date(2027, 3, 12),
        half_days=24,
    )

    services.advance_release_request(release, to_status="withdrawn", actor=coordinator)

    assert services.release_budget(leader, 2027)["remaining_half_days"] == 24


def test_budget_follows_the_dated_rule(organization, coordinator, leader):
    ReleaseRule.objects.create(
        valid_from=dt.date(2027, 1, 1), max_days=10, max_half_days=20, min_age=16, notice_days=6
    )

    assert services.release_budget(leader, 2027)["limit_half_days"] == 20
    assert services.release_budget(leader, 2026)["limit_half_days"] == 24


@pytest.mark.parametrize(
    ("first", "last", "half_days"),
    [
        (dt.date(2027, 3, 5), dt.date(2027, 3, 1), 2),  # end before start
        (dt.date(2027, 3, 1), dt.date(2027, 3, 1), 3),  # more than the days of the event
        (dt.date(2027, 3, 1), dt.date(2027, 3, 1), 0),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 1), 1),  # in the past
        (dt.date(2027, 12, 30), dt.date(2028, 1, 2), 4),  # across two budget years
    ],
)
def test_impossible_requests_are_refused(organization, coordinator, leader, first, last, half_days):
    with pytest.raises(InvalidInput):
        request(organization, leader, coordinator, day=first, last_day=last, half_days=half_days)

    assert ReleaseRequest.objects.count() == 0


def test_leader_under_sixteen_is_refused(organization, coordinator, leader):
    profile(leader, birth_date=dt.date(2012, 1, 1))

    with pytest.raises(DomainError) as exc:
        request(organization, leader, coordinator, day=dt.date(2027, 3, 1), half_days=2)

    assert exc.value.code == "too_young"


def test_other_organizations_coordinator_cannot_create(coordinator, leader):
    other = EngagementFactory().organization

    with pytest.raises(Forbidden):  # the organization is public; the action is refused
        request(other, leader, coordinator, day=dt.date(2027, 3, 1), half_days=2)


def test_status_runs_requested_endorsed_sent_taken(organization, coordinator):
    release = ReleaseRequestFactory(organization=organization)

    for status in ["endorsed", "sent", "taken"]:
        release = services.advance_release_request(release, to_status=status, actor=coordinator)

    assert release.status == "taken"
    with pytest.raises(DomainError):
        services.advance_release_request(release, to_status="withdrawn", actor=coordinator)


def test_status_cannot_skip_a_step(organization, coordinator):
    release = ReleaseRequestFactory(organization=organization)

    with pytest.raises(DomainError):
        services.advance_release_request(release, to_status="taken", actor=coordinator)

    release.refresh_from_db()
    assert release.status == "requested"
