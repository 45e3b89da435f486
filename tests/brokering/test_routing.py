"""Nobody's message is lost: every branch of routing a new interest, what the person is told,
who may see and act on it, and the hand-over when a coordinator joins."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ehrensache.audit.models import LogEntry
from ehrensache.brokering import services
from ehrensache.brokering.models import Interest
from ehrensache.brokering.routing import where_is
from ehrensache.core.errors import NotFound
from ehrensache.organizations import services as organization_services
from ehrensache.organizations.models import OrganizationInvitation, OrganizationMembership
from tests.factories import (
    AgencyFactory,
    OpportunityFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def orphan_opportunity(*, postal_code="35037", email="", **organization):
    org = OrganizationFactory(postal_code=postal_code, email=email, **organization)
    return OpportunityFactory(organization=org, postal_code=postal_code, title="Gartenhilfe")


def express(opportunity, volunteer, commit):
    with commit(execute=True):
        interest, _created = services.express_interest(
            opportunity, volunteer=volunteer, message="Ich habe samstags Zeit."
        )
    interest.refresh_from_db()
    return interest


def claim_path(message) -> str:
    return re.search(r"(/einsatzstellen/einladung/[^/\s]+/)", message.body).group(1)


# --- The branches ---------------------------------------------------------------------------


def test_coordinators_get_it(opportunity, coordinator, volunteer, commit):
    interest = express(opportunity, volunteer, commit)

    assert interest.routed_to == Interest.Route.COORDINATORS
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Koordination von" in where_is(interest)


def test_contact_address_gets_it_with_a_claim_link(agency, volunteer, commit):
    opportunity = orphan_opportunity(email="kontakt@verein.example", responsible_agency=agency)

    interest = express(opportunity, volunteer, commit)

    assert interest.routed_to == Interest.Route.CONTACT
    assert interest.routed_agency == agency
    [message] = mail.outbox
    assert message.to == ["kontakt@verein.example"]
    assert "Ich habe samstags Zeit." in message.body
    assert volunteer.email not in message.body  # contact details only after claiming
    raw = claim_path(message).split("/")[-2]
    claim = OrganizationInvitation.objects.get(kind="claim")
    assert claim.token_hash != raw and raw not in claim.token_hash  # stored hashed
    assert "Kontaktadresse" in where_is(interest)
    assert agency.name in where_is(interest)
    entry = LogEntry.objects.get(action="brokering.interest.routed")
    assert entry.data == {"routed_to": {"from": "coordinators", "to": "contact"}}


def test_responsible_agency_gets_it_and_its_staff_are_mailed(
    agency, agency_staff, volunteer, commit
):
    opportunity = orphan_opportunity(responsible_agency=agency)

    interest = express(opportunity, volunteer, commit)

    assert (interest.routed_to, interest.routed_agency) == (Interest.Route.AGENCY, agency)
    assert [m.to for m in mail.outbox] == [[agency_staff.email]]
    assert "Anfrage ohne Koordination" in mail.outbox[0].subject
    assert where_is(interest) == (
        f"Ihre Nachricht ist bei der {agency.name}, weil die Einsatzstelle noch niemanden "
        "benannt hat."
    )


def test_agency_is_found_as_wer_ist_zustaendig_does(volunteer, commit):
    """No responsible agency stored: the agency serving the place's district is asked."""
    serving = AgencyFactory(district_key="06534", email="info@agentur.example")
    opportunity = orphan_opportunity()
    assert opportunity.organization.responsible_agency_id is None

    interest = express(opportunity, volunteer, commit)

    assert interest.routed_agency == serving
    assert [m.to for m in mail.outbox] == [["info@agentur.example"]]  # no staff accounts


def test_network_gets_it_where_no_agency_is_responsible(network_staff, volunteer, commit):
    opportunity = orphan_opportunity(postal_code="34117")  # Kassel: no agency in this test

    interest = express(opportunity, volunteer, commit)

    assert interest.routed_to == Interest.Route.NETWORK
    assert [m.to for m in mail.outbox] == [[network_staff.email]]
    assert "Landesnetzwerk" in where_is(interest)


def test_nobody_is_said_honestly(volunteer, commit, settings):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "CONTACT_EMAIL": "betrieb@example.org"}
    opportunity = orphan_opportunity(postal_code="34117", phone="0561 123")

    interest = express(opportunity, volunteer, commit)

    assert interest.routed_to == Interest.Route.NOBODY
    assert mail.outbox == []
    text = where_is(interest)
    assert "noch bei niemandem" in text
    assert "0561 123" in text and "betrieb@example.org" in text


def test_unanswered_interest_at_the_contact_address_goes_to_the_agency(
    agency, agency_staff, volunteer, commit
):
    opportunity = orphan_opportunity(email="kontakt@verein.example", responsible_agency=agency)
    interest = express(opportunity, volunteer, commit)
    mail.outbox.clear()

    with commit(execute=True):
        services.remind_unanswered_interests(now=timezone.now() + timedelta(days=8))

    interest.refresh_from_db()
    assert interest.routed_to == Interest.Route.AGENCY
    assert [m.to for m in mail.outbox] == [[agency_staff.email]]


# --- Who may see and act ----------------------------------------------------------------------


@pytest.fixture
def held(agency, agency_staff, volunteer, commit):
    return express(orphan_opportunity(responsible_agency=agency), volunteer, commit)


def test_agency_staff_see_and_answer_it(client, held, agency_staff, commit):
    client.force_login(agency_staff)
    assert client.get(f"/anfragen/{held.pk}/").status_code == 200
    page = client.get("/beratung/anfragen-ohne-koordination/").content.decode()
    assert "Gartenhilfe" in page

    with commit(execute=True):
        services.change_interest_status(held, status="in_contact", actor=agency_staff)
    held.refresh_from_db()
    assert held.status == "in_contact"


@pytest.mark.parametrize("who", ["other_agency_staff", "other_volunteer", "other_coordinator"])
def test_others_get_404(client, held, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/anfragen/{held.pk}/").status_code == 404
    with pytest.raises(NotFound):
        services.change_interest_status(
            held, status="in_contact", actor=request.getfixturevalue(who)
        )


# --- Claiming the organization ----------------------------------------------------------------


@pytest.fixture
def claimed_by_contact(agency, volunteer, commit):
    opportunity = orphan_opportunity(email="kontakt@verein.example", responsible_agency=agency)
    interest = express(opportunity, volunteer, commit)
    return interest, claim_path(mail.outbox[0]).split("/")[-2]


def test_claim_makes_the_person_coordinator_and_hands_over(
    claimed_by_contact, agency_staff, commit
):
    interest, raw = claimed_by_contact
    person = UserFactory()
    organization = interest.opportunity.organization

    organization_services.accept_invitation(raw, user=person)

    membership = OrganizationMembership.objects.get(organization=organization)
    assert (membership.user, membership.role) == (person, "admin")
    assert LogEntry.objects.filter(
        action="organizations.organization.claimed", subject_person=person
    ).exists()
    interest.refresh_from_db()
    assert interest.routed_to == Interest.Route.COORDINATORS
    assert person.has_perm("brokering.manage_interest", interest)
    # the agency keeps read access, no longer acts
    assert agency_staff.has_perm("brokering.view_interest", interest)
    assert not agency_staff.has_perm("brokering.manage_interest", interest)


def test_claim_link_is_single_use(claimed_by_contact):
    _interest, raw = claimed_by_contact
    organization_services.accept_invitation(raw, user=UserFactory())
    with pytest.raises(NotFound):
        organization_services.accept_invitation(raw, user=UserFactory())


def test_expired_claim_link_is_refused(claimed_by_contact):
    _interest, raw = claimed_by_contact
    OrganizationInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(NotFound):
        organization_services.accept_invitation(raw, user=UserFactory())
    assert not OrganizationMembership.objects.exists()


def test_claim_link_is_void_once_someone_else_coordinates(agency, volunteer, commit):
    """A second link of the same organization (another interest) is dead after the first claim:
    nobody else takes over an organization that has a coordinator."""
    opportunity = orphan_opportunity(email="kontakt@verein.example", responsible_agency=agency)
    express(opportunity, volunteer, commit)
    other = OpportunityFactory(organization=opportunity.organization)
    express(other, UserFactory(), commit)
    first, second = (claim_path(m).split("/")[-2] for m in mail.outbox)

    organization_services.accept_invitation(first, user=UserFactory())
    stranger = UserFactory()
    with pytest.raises(NotFound):
        organization_services.accept_invitation(second, user=stranger)
    assert not OrganizationMembership.objects.filter(user=stranger).exists()


def test_claim_page_asks_to_sign_in_then_confirms(client, claimed_by_contact):
    interest, raw = claimed_by_contact
    url = f"/einsatzstellen/einladung/{raw}/"
    page = client.get(url).content.decode()
    assert "Anmelden" in page and "Konto anlegen" in page
    assert client.post(url).status_code == 302  # to the login page, nothing changed
    assert not OrganizationMembership.objects.exists()

    person = UserFactory()
    client.force_login(person)
    assert "Einsatzstelle übernehmen" in client.get(url).content.decode()
    client.post(url)
    assert OrganizationMembership.objects.filter(user=person).exists()
    assert client.get(url).status_code == 404


# --- Agency staff invite a coordinator ------------------------------------------------------


def test_agency_invites_a_coordinator_who_accepts(held, agency_staff, commit):
    organization = held.opportunity.organization
    with commit(execute=True):
        invitation = organization_services.invite_coordinator(
            organization, actor=agency_staff, email="Neu@Verein.example"
        )
    assert (invitation.kind, invitation.email) == ("by_agency", "neu@verein.example")
    message = mail.outbox[-1]
    assert message.to == ["neu@verein.example"]
    raw = claim_path(message).split("/")[-2]
    assert LogEntry.objects.filter(action="organizations.coordinator.invited").exists()

    person = UserFactory()
    organization_services.accept_invitation(raw, user=person)
    held.refresh_from_db()
    assert held.routed_to == Interest.Route.COORDINATORS
    assert person.has_perm("brokering.manage_interest", held)


def test_invitation_answer_does_not_reveal_accounts(client, held, agency_staff):
    organization = held.opportunity.organization
    UserFactory(email="hat-konto@example.org")
    client.force_login(agency_staff)
    url = f"/einsatzstellen/{organization.slug}/koordination-einladen/"
    answers = []
    for email in ["hat-konto@example.org", "kein-konto@example.org", "kein-konto@example.org"]:
        response = client.post(url, {"email": email}, follow=True)
        page = response.content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        page = re.sub(r"<td>\d+</td>", "", page)  # the count of open invitations
        answers.append(page.replace(email, "ADDRESS"))
    assert answers[0] == answers[1] == answers[2]
    assert OrganizationInvitation.objects.filter(kind="by_agency").count() == 2


def test_other_agency_may_not_invite(held, other_agency_staff, volunteer):
    from ehrensache.core.errors import Forbidden

    organization = held.opportunity.organization
    for person in (other_agency_staff, volunteer):
        with pytest.raises(Forbidden):
            organization_services.invite_coordinator(organization, actor=person, email="x@y.de")
    assert not OrganizationInvitation.objects.filter(kind="by_agency").exists()


def test_agency_page_lists_organizations_without_coordinator(client, held, agency_staff):
    client.force_login(agency_staff)
    page = client.get("/einsatzstellen/ohne-koordination/").content.decode()
    assert held.opportunity.organization.name in page
    assert "Koordinator*in einladen" in page


# --- The volunteer's pages ----------------------------------------------------------------------


def test_confirmation_and_list_say_where_the_message_is(client, agency, agency_staff, volunteer):
    opportunity = orphan_opportunity(responsible_agency=agency)
    client.force_login(volunteer)
    response = client.post(
        f"/interesse/{opportunity.pk}/", {"message": "Hallo", "consent": "on"}, follow=True
    )
    page = response.content.decode()
    expected = f"Ihre Nachricht ist bei der {agency.name}, weil die Einsatzstelle noch niemanden"
    assert expected in page
    assert "Die Einsatzstelle hat Ihre Nachricht" not in page
    assert expected in client.get("/meine-anfragen/").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_my_interests_query_count_with_routing(
    client, volunteer, agency, django_assert_num_queries, count
):
    for _ in range(count):
        Interest.objects.create(
            opportunity=orphan_opportunity(responsible_agency=agency),
            volunteer=volunteer,
            routed_to="agency",
            routed_agency=agency,
            status_changed_at=timezone.now(),
            created_at=timezone.now(),
        )
    client.force_login(volunteer)
    client.get("/meine-anfragen/")
    # session, user, count, the header's unread-messages badge, the page
    with django_assert_num_queries(5):
        assert client.get("/meine-anfragen/").status_code == 200


def test_agency_list_query_count(
    client, agency, agency_staff, volunteer, django_assert_num_queries
):
    for _ in range(3):
        Interest.objects.create(
            opportunity=orphan_opportunity(responsible_agency=agency),
            volunteer=UserFactory(),
            routed_to="agency",
            routed_agency=agency,
            status_changed_at=timezone.now(),
            created_at=timezone.now(),
        )
    client.force_login(agency_staff)
    client.get("/beratung/anfragen-ohne-koordination/")
    with django_assert_num_queries(8):  # 7 and the header's unread-messages badge
        assert client.get("/beratung/anfragen-ohne-koordination/").status_code == 200


def test_api_tells_where_the_message_is(client, held, volunteer):
    client.force_login(volunteer)
    body = client.get(f"/api/v1/brokering/interests/{held.pk}").json()
    assert body["routed_to"] == "agency"
    assert "weil die Einsatzstelle noch niemanden benannt hat" in body["where_is"]


def test_a_coordinator_added_in_the_admin_takes_over_too(held, agency_staff):
    from tests.factories import OrganizationMembershipFactory

    person = OrganizationMembershipFactory(organization=held.opportunity.organization).user
    held.refresh_from_db()
    assert held.routed_to == Interest.Route.COORDINATORS
    assert "Koordination von" in where_is(held)
    assert person.has_perm("brokering.manage_interest", held)
    assert not agency_staff.has_perm("brokering.manage_interest", held)
