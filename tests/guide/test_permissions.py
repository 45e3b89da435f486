"""Who may lead a Kooperations-Check: the team's managers only, never the operator's account
or staff of another organization or agency (404: they do not even see the team)."""

import pytest
from django.urls import reverse

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.guide import services
from ehrensache.guide.models import CheckRound, TeamMember
from tests.factories import (
    AgencyMembershipFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)
from tests.guide.factories import add_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def other_coordinator(db):
    return OrganizationMembershipFactory(organization=OrganizationFactory()).user


def _manage_pages(check_round, member):
    team = check_round.team
    return [
        (reverse("guide:team_settings", args=[team.pk]), {"agency_may_view": "on"}),
        (
            reverse("guide:member_add", args=[team.pk]),
            {"email": "x@example.org", "group": "ehrenamt"},
        ),
        (reverse("guide:member_remove", args=[member.pk]), {}),
        (reverse("guide:round_close", args=[check_round.pk]), {}),
        (
            reverse("guide:round_links", args=[check_round.pk]),
            {"group": "ehrenamt", "count": 1, "valid_days": 5},
        ),
    ]


@pytest.mark.parametrize("who", ["operator", "other_coordinator", "other_agency_staff"])
def test_outsiders_cannot_change_the_team_close_its_rounds_or_remove_members(
    client, check_round, volunteer, who, operator, other_coordinator, other_agency
):
    member = add_member(check_round.team, volunteer, group="ehrenamt")
    outsider = {
        "operator": operator,
        "other_coordinator": other_coordinator,
        "other_agency_staff": AgencyMembershipFactory(agency=other_agency).user,
    }[who]
    client.force_login(outsider)

    statuses = [
        client.post(url, data).status_code for url, data in _manage_pages(check_round, member)
    ]
    seen = client.get(reverse("guide:team", args=[check_round.team_id])).status_code

    assert statuses == [404] * 5
    assert seen == 404
    check_round.refresh_from_db()
    assert check_round.status == CheckRound.Status.OPEN
    assert TeamMember.objects.filter(pk=member.pk).exists()
    assert check_round.team.agency_may_view is False


def test_operator_cannot_do_it_through_the_services_either(check_round, volunteer, operator):
    member = add_member(check_round.team, volunteer, group="ehrenamt")

    with pytest.raises(NotFound):
        services.close_round(check_round, actor=operator)
    with pytest.raises(NotFound):
        services.remove_team_member(member, actor=operator)
    with pytest.raises(NotFound):
        services.update_team_settings(
            check_round.team, facilitating_agency=None, agency_may_view=False, actor=operator
        )


def test_a_member_who_does_not_lead_sees_the_team_but_gets_403(client, check_round, volunteer):
    member = add_member(check_round.team, volunteer, group="ehrenamt")
    client.force_login(volunteer)

    statuses = [
        client.post(url, data).status_code for url, data in _manage_pages(check_round, member)
    ]

    assert client.get(reverse("guide:team", args=[check_round.team_id])).status_code == 200
    assert statuses == [403] * 5


def test_the_manager_closes_the_round(client, check_round, coordinator):
    client.force_login(coordinator)

    client.post(reverse("guide:round_close", args=[check_round.pk]))

    check_round.refresh_from_db()
    assert check_round.status == CheckRound.Status.CLOSED


def test_nobody_creates_a_team_for_an_organization_they_do_not_coordinate(
    organization, other_coordinator, operator, reference
):
    for actor in (other_coordinator, operator):
        with pytest.raises((NotFound, Forbidden)):  # hidden or refused, as organizations decide
            services.create_team(
                name="Fremdes Team", group="hauptamt", actor=actor, organization=organization
            )

    assert not organization.check_teams.exists()


def test_episode_editing_belongs_to_network_staff_not_to_the_operator(
    client, operator, network_staff, episodes
):
    client.force_login(operator)
    refused = client.get(reverse("guide:episode_edit", args=[episodes[1].pk])).status_code
    client.force_login(network_staff)
    allowed = client.get(reverse("guide:episode_edit", args=[episodes[1].pk])).status_code

    assert (refused, allowed) == (403, 200)
