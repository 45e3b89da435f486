"""Registration, confirmation by the responsible agency, invitations, pages and scopes."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.opportunities.queries import SearchCriteria, search_opportunities
from ehrensache.organizations import services
from ehrensache.organizations.models import Organization, OrganizationMembership
from tests.factories import OpportunityFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

VALUES = {"name": "Lesefreunde Marburg e.V.", "kind": "verein", "postal_code": "35037",
          "description": "Wir lesen mit Kindern."}  # fmt: skip


def register(actor, **values):
    return services.register_organization(actor=actor, **{**VALUES, **values})


def test_registration_notifies_responsible_agency(
    volunteer, agency_staff, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = register(volunteer)

    assert organization.status == Organization.Status.PENDING
    assert organization.responsible_agency == agency
    assert organization.district.key == "06534"
    assert organization.slug == "lesefreunde-marburg-ev"
    assert OrganizationMembership.objects.get(organization=organization).user == volunteer
    assert mail.outbox[0].to == ["agency@example.org"]
    assert "Lesefreunde Marburg e.V." in mail.outbox[0].subject
    assert f"/einsatzstellen/{organization.slug}/pruefen/" in mail.outbox[0].body


def test_unknown_postal_code_and_field_are_refused(volunteer):
    with pytest.raises(InvalidInput) as code:  # input to correct, not a hidden record (404)
        register(volunteer, postal_code="99999")
    with pytest.raises(DomainError) as exc:
        register(volunteer, fields_of_activity=["quatsch"])

    assert code.value.field == "postal_code"
    assert exc.value.field == "fields_of_activity"
    assert Organization.objects.count() == 0


def test_opportunities_become_public_on_confirmation(volunteer, agency_staff, agency):
    organization = register(volunteer)
    OpportunityFactory(organization=organization, title="Vorlesen")

    before = search_opportunities(SearchCriteria()).total
    services.confirm_organization(organization, actor=agency_staff)

    assert before == 0
    assert search_opportunities(SearchCriteria()).total == 1
    organization.refresh_from_db()
    assert organization.confirmed_by == agency


def test_only_responsible_agency_or_network_may_confirm(
    volunteer, other_agency, network_staff, coordinator
):
    from tests.factories import AgencyMembershipFactory

    other_staff = AgencyMembershipFactory(agency=other_agency).user
    organization = register(volunteer)

    for person in (other_staff, coordinator):  # the pending organization is hidden from them
        with pytest.raises(NotFound):
            services.confirm_organization(organization, actor=person)
    with pytest.raises(Forbidden):  # its own coordinator sees it but may not confirm it
        services.confirm_organization(organization, actor=volunteer)
    services.confirm_organization(organization, actor=network_staff)

    organization.refresh_from_db()
    assert organization.status == Organization.Status.CONFIRMED


def test_reject_needs_reason(volunteer, agency_staff):
    organization = register(volunteer)

    with pytest.raises(DomainError):
        services.reject_organization(organization, actor=agency_staff, reason=" ")
    services.reject_organization(organization, actor=agency_staff, reason="Kein Ehrenamt.")

    organization.refresh_from_db()
    assert organization.status == Organization.Status.REJECTED


def test_invitation_round_trip(
    client, coordinator, organization, password, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="kollegin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_colleague(organization, actor=coordinator, email="Kollegin@Example.org")
    link = re.search(r"/einsatzstellen/einladung/[\w-]+/", mail.outbox[0].body).group(0)

    anonymous = client.get(link)
    client.force_login(colleague)
    accepted = client.post(link)
    again = client.post(link)

    assert mail.outbox[0].to == ["kollegin@example.org"]
    assert "Anmelden" in anonymous.content.decode()
    assert accepted.status_code == 302
    assert organization.memberships.filter(user=colleague).exists()
    assert again.status_code == 404


def test_person_can_belong_to_several_organizations(coordinator, other_organization):
    from ehrensache.accounts.roles import forget_roles, roles_of

    OrganizationMembership.objects.create(user=coordinator, organization=other_organization)
    forget_roles(coordinator)

    assert len(roles_of(coordinator).organization_ids) == 2


def test_invitations_only_by_members(other_coordinator, organization):
    with pytest.raises(Forbidden):  # a confirmed organization is public, its team is not
        services.invite_colleague(organization, actor=other_coordinator, email="x@example.org")


def test_duplicate_invitation_and_member_are_refused(coordinator, organization):
    services.invite_colleague(organization, actor=coordinator, email="neu@example.org")

    with pytest.raises(DomainError):
        services.invite_colleague(organization, actor=coordinator, email="neu@example.org")
    with pytest.raises(DomainError):
        services.invite_colleague(organization, actor=coordinator, email=coordinator.email)


def test_rename_reindexes_opportunities(coordinator, organization):
    OpportunityFactory(organization=organization, title="Vorlesen")

    services.update_organization(organization, actor=coordinator, name="Bücherwürmer Marburg")

    assert search_opportunities(SearchCriteria(q="Buecherwuermer")).total == 1


# --- Pages --------------------------------------------------------------------------------


def test_register_page_creates_and_keeps_input_on_error(client, volunteer):
    client.force_login(volunteer)
    url = reverse("organizations:register")

    bad = client.post(url, {**VALUES, "postal_code": "99999"})
    good = client.post(url, {**VALUES, "fields_of_activity": ["bildung"]})

    assert "Die Postleitzahl 99999 kennen wir nicht" in bad.content.decode()
    assert 'value="Lesefreunde Marburg e.V."' in bad.content.decode()
    assert good.status_code == 302
    assert Organization.objects.get().fields_of_activity == ["bildung"]


def test_pending_page_visible_to_members_and_reviewers_only(
    client, volunteer, agency_staff, coordinator
):
    organization = register(volunteer)
    url = organization.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    client.force_login(volunteer)
    assert client.get(url).status_code == 200
    client.force_login(agency_staff)
    assert "Prüfen und bestätigen" in client.get(url).content.decode()


def test_review_page_confirms(client, volunteer, agency_staff):
    organization = register(volunteer)
    client.force_login(agency_staff)

    listing = client.get(reverse("organizations:review_list")).content.decode()
    client.post(reverse("organizations:review", args=[organization.slug]), {"confirm": "1"})

    assert organization.name in listing
    organization.refresh_from_db()
    assert organization.status == Organization.Status.CONFIRMED


def test_member_pages_are_scoped(client, organization, other_coordinator, volunteer, agency_staff):
    urls = [
        reverse("organizations:edit", args=[organization.slug]),
        reverse("organizations:team", args=[organization.slug]),
    ]
    # The confirmed organization is public: the pages exist, the actions are not theirs (403).
    for person in (other_coordinator, volunteer):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.get(reverse("organizations:review_list")).status_code == 403
        assert (
            client.post(
                reverse("organizations:review", args=[organization.slug]), {"confirm": "1"}
            ).status_code
            == 403
        )
    client.force_login(agency_staff)
    assert client.get(reverse("organizations:edit", args=["gibt-es-nicht"])).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_public_page_query_count_is_flat(client, organization, django_assert_num_queries, n):
    OpportunityFactory.create_batch(n, organization=organization)

    with django_assert_num_queries(4):  # organization, count, ids, page objects
        response = client.get(organization.get_absolute_url())

    assert response.content.decode().count('class="result"') == n


def test_team_page_invites(client, coordinator, organization):
    client.force_login(coordinator)

    response = client.post(
        reverse("organizations:team", args=[organization.slug]), {"email": "neu@example.org"}
    )

    assert response.status_code == 302
    assert organization.invitations.get().email == "neu@example.org"
