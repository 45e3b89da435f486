"""Nobody looks anyone up: adding a person to a Kooperations-Check team or linking a
counselling conversation is an invitation the person accepts (``accounts.PersonInvitation``).

Staff get the same answer and the same page whether or not the address has an account;
the person is attached only after accepting, signed in with that address."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ehrensache.accounts import services
from ehrensache.accounts.models import PersonInvitation
from ehrensache.audit.models import LogEntry
from ehrensache.brokering.models import Conversation
from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.guide.models import TeamMember
from tests.factories import OrganizationMembershipFactory, UserFactory
from tests.guide.factories import make_team

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

KNOWN = "vera@example.org"
UNKNOWN = "niemand@example.org"
LINK = re.compile(r"/einladung/([\w-]+)/")


@pytest.fixture
def known(db):
    return UserFactory(email=KNOWN, display_name="Vera Geheimname")


@pytest.fixture
def team(coordinator, organization):
    return make_team(coordinator, organization)


def _normalized(response, email: str) -> str:
    """The page without what differs by construction: the typed address and CSRF tokens."""
    text = response.content.decode().replace(email, "ADDRESS")
    text = re.sub(r"/einladung/\d+/", "/einladung/PK/", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def _link(email: str) -> str:
    body = next(m.body for m in mail.outbox if m.to == [email])
    return f"/einladung/{LINK.search(body).group(1)}/"


def _invite_to_team(client, team, email, capture):
    with capture(execute=True):
        return client.post(
            reverse("guide:member_add", args=[team.pk]),
            {"email": email, "group": "ehrenamt"},
            follow=True,
        )


# --- The Kooperations-Check team -------------------------------------------------------------


def test_team_answer_is_the_same_for_known_and_unknown_address(
    client, team, coordinator, known, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    for_known = _invite_to_team(client, team, KNOWN, django_capture_on_commit_callbacks)
    # Withdrawn (without a message), so that both pages list one open invitation.
    services.revoke_person_invitation(PersonInvitation.objects.get(), actor=coordinator)
    for_unknown = _invite_to_team(client, team, UNKNOWN, django_capture_on_commit_callbacks)

    assert for_known.redirect_chain == for_unknown.redirect_chain
    assert for_known.status_code == for_unknown.status_code == 200
    assert (
        _normalized(for_known, KNOWN).splitlines() == _normalized(for_unknown, UNKNOWN).splitlines()
    )
    assert "Vera Geheimname" not in for_known.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [UNKNOWN, KNOWN]
    assert not team.members.filter(user=known).exists()


def test_the_service_returns_the_same_for_known_and_unknown_addresses(team, coordinator, known):
    from ehrensache.guide import services as guide

    for_known = guide.invite_team_member(team, email=KNOWN, group="ehrenamt", actor=coordinator)
    for_unknown = guide.invite_team_member(team, email=UNKNOWN, group="ehrenamt", actor=coordinator)
    again = guide.invite_team_member(team, email=KNOWN, group="ehrenamt", actor=coordinator)

    assert type(for_known) is type(for_unknown) is PersonInvitation
    assert for_known.accepted_by is None and for_unknown.accepted_by is None
    assert again is None  # no second mail while one is open
    assert team.members.count() == 1


def test_the_person_joins_only_after_accepting(
    client, team, coordinator, known, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    _invite_to_team(client, team, KNOWN, django_capture_on_commit_callbacks)
    link = _link(KNOWN)
    client.force_login(known)

    shown = client.get(link)
    assert not team.members.filter(user=known).exists()
    accepted = client.post(link)
    again = client.post(link)

    assert team.name in shown.content.decode()
    assert accepted.status_code == 302 and accepted.url == team.get_absolute_url()
    member = TeamMember.objects.get(team=team, user=known)
    assert (member.group, member.is_manager) == ("ehrenamt", False)
    assert again.status_code == 404
    actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {
        "accounts.invitation.sent",
        "accounts.invitation.accepted",
        "guide.team.member_added",
    } <= actions
    sent = LogEntry.objects.get(action="accounts.invitation.sent")
    assert KNOWN not in str(sent.data) and sent.subject_person_id is None


def test_others_cannot_see_or_accept_and_anonymous_learns_nothing(
    client, team, coordinator, known, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    _invite_to_team(client, team, KNOWN, django_capture_on_commit_callbacks)
    link = _link(KNOWN)

    client.logout()
    anonymous = client.get(link)
    anonymous_post = client.post(link)
    client.force_login(volunteer)
    other_get = client.get(link)
    other_post = client.post(link)
    client.force_login(coordinator)  # the inviting staff member, too
    inviter = client.post(link)

    assert anonymous.status_code == 200
    assert team.name not in anonymous.content.decode()
    assert "Konto anlegen" in anonymous.content.decode()
    assert anonymous_post.status_code == 302 and "/konto/login/" in anonymous_post.url
    assert other_get.status_code == other_post.status_code == inviter.status_code == 403
    assert team.name not in other_get.content.decode()
    assert team.members.count() == 1


def test_a_new_account_with_the_address_accepts(team, coordinator):
    from ehrensache.guide import services as guide

    invitation = guide.invite_team_member(
        team, email="Neu@Example.org", group="hauptamt", is_manager=True, actor=coordinator
    )
    from ehrensache.core.tokens import new_token

    # The raw token went by mail only; the test sets a known one.
    raw, token_hash = new_token()
    PersonInvitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    newcomer = UserFactory(email="neu@example.org")

    services.accept_person_invitation(raw, user=newcomer)

    member = TeamMember.objects.get(team=team, user=newcomer)
    assert (member.group, member.is_manager) == ("hauptamt", True)


def test_a_verified_second_address_accepts_an_unverified_one_does_not(team, coordinator):
    from allauth.account.models import EmailAddress

    from ehrensache.core.tokens import new_token
    from ehrensache.guide import services as guide

    person = UserFactory(email="privat@example.org")
    EmailAddress.objects.create(user=person, email="arbeit@example.org", verified=False)
    invitation = guide.invite_team_member(
        team, email="arbeit@example.org", group="ehrenamt", actor=coordinator
    )
    raw, token_hash = new_token()
    PersonInvitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)

    with pytest.raises(Forbidden):
        services.accept_person_invitation(raw, user=person)
    EmailAddress.objects.filter(user=person).update(verified=True)
    services.accept_person_invitation(raw, user=person)

    assert team.members.filter(user=person).exists()


def test_revoked_invitations_are_gone_and_only_the_team_may_revoke(
    client, team, coordinator, known
):
    from ehrensache.core.tokens import new_token
    from ehrensache.guide import services as guide

    invitation = guide.invite_team_member(team, email=KNOWN, group="ehrenamt", actor=coordinator)
    raw, token_hash = new_token()
    PersonInvitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    outsider = OrganizationMembershipFactory().user
    url = reverse("accounts:invitation_revoke", args=[invitation.pk])

    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(coordinator)
    assert client.post(url).status_code == 302

    with pytest.raises(NotFound):
        services.accept_person_invitation(raw, user=known)
    assert LogEntry.objects.filter(action="accounts.invitation.revoked").exists()


# --- The counselling conversation -------------------------------------------------------------


def _record(client, email, capture):
    data = {
        "held_on": "2026-03-02",
        "guest_name": "Gast im Gespräch",
        "volunteer_email": email,
        "consent": "on",
        "outcome": "open",
    }
    with capture(execute=True):
        return client.post(reverse("brokering:conversation_new"), data, follow=True)


def test_counselling_answer_is_the_same_for_known_and_unknown_address(
    client, agency, agency_staff, known, django_capture_on_commit_callbacks
):
    client.force_login(agency_staff)

    for_known = _record(client, KNOWN, django_capture_on_commit_callbacks)
    for_unknown = _record(client, UNKNOWN, django_capture_on_commit_callbacks)

    first, second = Conversation.objects.order_by("pk")
    assert for_known.status_code == for_unknown.status_code == 200
    conversation_url = re.compile(r"/beratung/gespraeche/\d+/")
    known_page = conversation_url.sub("/PK/", _normalized(for_known, KNOWN))
    unknown_page = conversation_url.sub("/PK/", _normalized(for_unknown, UNKNOWN))
    assert known_page.splitlines() == unknown_page.splitlines()
    assert "Vera Geheimname" not in for_known.content.decode()
    assert first.volunteer is None and second.volunteer is None
    assert sorted(m.to[0] for m in mail.outbox) == [UNKNOWN, KNOWN]


def test_the_conversation_is_linked_only_after_accepting(
    client, agency, agency_staff, known, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(agency_staff)
    _record(client, KNOWN, django_capture_on_commit_callbacks)
    conversation = Conversation.objects.get()
    link = _link(KNOWN)

    client.force_login(volunteer)
    assert client.post(link).status_code == 403
    client.force_login(known)
    accepted = client.post(link)

    conversation.refresh_from_db()
    assert accepted.status_code == 302
    assert (conversation.volunteer, conversation.guest_name) == (known, "")
    assert LogEntry.objects.filter(
        action="brokering.conversation.linked", subject_person_id=known.pk
    ).exists()


def test_no_form_looks_up_accounts_by_address():
    """The class of leak: no view, form or service looks a person up by a typed address."""
    from pathlib import Path

    import ehrensache

    root = Path(ehrensache.__file__).parent
    pattern = re.compile(r"User\b.*\.(filter|get)\(\s*email(__iexact)?=")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for name in ("views.py", "forms.py", "services.py", "api.py")
        for path in root.rglob(name)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
