"""Proofs and release requests belong to the organization's coordinators: others do not see
them (404); the volunteer sees their own proof but does not sign it (403)."""

import datetime as dt

import pytest
from django.urls import reverse

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.recognition import services
from ehrensache.recognition.models import ReleaseRequest
from tests.factories import (
    AgencyMembershipFactory,
    EngagementProofFactory,
    OrganizationMembershipFactory,
    ReleaseRequestFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def proof(organization):
    return EngagementProofFactory(engagement__organization=organization)


def _issue(client, user, proof):
    client.force_login(user)
    return client.post(reverse("recognition:issue_proof", args=[proof.pk])).status_code


def test_the_coordinator_issues_the_proof(client, proof, coordinator):
    assert _issue(client, coordinator, proof) == 302
    proof.refresh_from_db()
    assert proof.status == "issued"


def test_the_volunteer_sees_their_proof_but_cannot_sign_it(client, proof):
    with pytest.raises(Forbidden):
        services.issue_proof(proof, actor=proof.person)

    assert _issue(client, proof.person, proof) == 403
    proof.refresh_from_db()
    assert proof.status == "requested"


def test_outsiders_do_not_even_see_the_proof(client, proof, operator, agency_staff, network_staff):
    other_coordinator = OrganizationMembershipFactory().user
    outsiders = [other_coordinator, operator, agency_staff, network_staff, UserFactory()]

    statuses = [_issue(client, user, proof) for user in outsiders]
    for user in outsiders:
        with pytest.raises(NotFound):
            services.decline_proof(proof, actor=user)

    assert statuses == [404] * 5
    proof.refresh_from_db()
    assert proof.status == "requested"


def test_release_requests_are_run_by_the_organizations_coordinators(
    client, organization, coordinator, operator, other_agency
):
    release = ReleaseRequestFactory(organization=organization)
    outsiders = [
        OrganizationMembershipFactory().user,
        operator,
        AgencyMembershipFactory(agency=other_agency).user,
        release.leader,
    ]

    for user in outsiders:
        with pytest.raises(NotFound):
            services.advance_release_request(release, to_status="endorsed", actor=user)
    statuses = []
    for user in outsiders:
        client.force_login(user)
        url = reverse("recognition:release_status", args=[release.pk])
        statuses.append(client.post(url, {"status": "endorsed"}).status_code)
    services.advance_release_request(release, to_status="endorsed", actor=coordinator)

    assert statuses == [404] * 4
    release.refresh_from_db()
    assert release.status == ReleaseRequest.Status.ENDORSED


def test_only_its_coordinators_request_releases_for_an_organization(
    organization, operator, volunteer
):
    for user in (OrganizationMembershipFactory().user, operator, volunteer):
        with pytest.raises((NotFound, Forbidden)):  # hidden or refused, as organizations decide
            services.create_release_request(
                organization,
                leader=volunteer,
                event_title="Zeltlager (Demo)",
                event_place="Edersee",
                first_day=dt.date(2027, 7, 5),
                last_day=dt.date(2027, 7, 9),
                half_days=10,
                responsible_body=ReleaseRequest.Body.JUGENDAMT,
                employer_name="Beispiel GmbH (Demo)",
                employer_address="Musterstraße 1, 35037 Marburg",
                actor=user,
            )

    assert not ReleaseRequest.objects.exists()


def test_nobody_records_a_card_for_someone_else(volunteer, operator):
    with pytest.raises(NotFound):
        services.record_card(
            volunteer, kind="juleica", issued_on=dt.date(2025, 1, 1), actor=operator
        )


def test_organization_pages_403_for_people_who_see_the_organization_but_do_not_coordinate_it(
    client, organization, coordinator, operator, volunteer
):
    pages = [
        f"/einsatzstellen/{organization.slug}/nachweise/",
        f"/einsatzstellen/{organization.slug}/freistellungen/",
    ]
    statuses = {}
    for name, user in (
        ("coordinator", coordinator),
        ("operator", operator),
        ("volunteer", volunteer),
    ):
        client.force_login(user)
        statuses[name] = [client.get(url).status_code for url in pages]

    assert statuses == {"coordinator": [200, 200], "operator": [403, 403], "volunteer": [403, 403]}
