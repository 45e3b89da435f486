"""Kooperations-Check: answer links sent by e-mail, one per person, addresses never stored."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.guide import services
from ehrensache.guide.models import CheckRound, Invitation
from tests.db_scan import tables_mentioning
from tests.factories import OrganizationMembershipFactory
from tests.guide.factories import add_member, make_team

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ADDRESSES = ["ina.haupt@example.net", "olaf.ehren@example.net", "pia.ehren@example.net"]
LINK = re.compile(r"https?://\S+/kooperations-check/antworten/([\w-]+)/")


def _send(check_round, actor, emails, *, group="ehrenamt", language="de", valid_days=14):
    return services.mail_answer_links(
        check_round,
        emails=emails,
        group=group,
        valid_days=valid_days,
        language=language,
        actor=actor,
    )


def _token(message) -> str:
    return LINK.search(message.body).group(1)


def _post(client, check_round, emails, **extra):
    data = {
        "mail-emails": emails,
        "mail-group": "hauptamt",
        "mail-valid_days": "21",
        "mail-language": "de",
        **extra,
    }
    return client.post(reverse("guide:round_mail_links", args=[check_round.pk]), data)


def test_every_address_gets_its_own_working_link(
    check_round, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send(check_round, coordinator, "\n".join(ADDRESSES))

    tokens = [_token(m) for m in mail.outbox]
    invitations = [services.invitation_for_token(t) for t in tokens]
    assert sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(ADDRESSES)
    assert [len(m.to) for m in mail.outbox] == [1, 1, 1]
    assert len(set(tokens)) == 3
    assert sorted(i.pk for i in invitations) == sorted(
        Invitation.objects.values_list("pk", flat=True)
    )
    assert {i.group for i in invitations} == {"ehrenamt"}
    assert CheckRound.objects.get(pk=check_round.pk).mailed_links == 3


def test_mail_names_team_group_and_expiry_and_replies_go_to_the_sender(
    check_round, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(check_round, coordinator, ADDRESSES[0], valid_days=14)

    [message] = mail.outbox
    expires = Invitation.objects.get().expires_at
    assert message.subject == "Ihre Einladung zum Kooperations-Check: Team Lernhilfe"
    assert "Sie antworten in der Gruppe: Ehrenamt" in message.body
    assert f"Der Link gilt bis zum {expires.astimezone():%d.%m.%Y}." in message.body
    assert "(Lernhilfe Marburg e.V. (Demo))" in message.body
    assert message.reply_to == [coordinator.email]
    assert message.cc == [] and message.bcc == []


def test_mail_in_english_when_chosen(check_round, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(check_round, coordinator, ADDRESSES[0], group="hauptamt", language="en")

    [message] = mail.outbox
    assert message.subject == "Your invitation to the cooperation check: Team Lernhilfe"
    assert "You answer in the group: Paid staff" in message.body


def test_duplicates_are_removed_ignoring_case_and_separators(
    check_round, coordinator, django_capture_on_commit_callbacks
):
    text = "ina.haupt@example.net\n\n  INA.Haupt@example.net ; olaf.ehren@example.net,\r\n"

    with django_capture_on_commit_callbacks(execute=True):
        sent = _send(check_round, coordinator, text)

    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ina.haupt@example.net",
        "olaf.ehren@example.net",
    ]
    assert Invitation.objects.count() == 2


def test_addresses_are_stored_nowhere(check_round, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(check_round, coordinator, ADDRESSES)
    token = _token(mail.outbox[0])
    invitation = services.invitation_for_token(token)
    services.save_answers(services.response_for_invitation(invitation), values={}, submit=False)

    assert tables_mentioning(ADDRESSES) == []
    assert CheckRound.objects.get(pk=check_round.pk).mailed_links == 3


def test_invalid_addresses_are_named_and_nothing_is_sent(
    check_round, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidInput) as exc:
        _send(check_round, coordinator, "ina.haupt@example.net\nkein-at-zeichen\nx@y")

    assert str(exc.value) == (
        "Diese Angaben sind keine gültigen E-Mail-Adressen: kein-at-zeichen, x@y"
    )
    assert mail.outbox == []
    assert Invitation.objects.count() == 0


def test_at_most_fifty_addresses_at_once(check_round, coordinator):
    many = "\n".join(f"person{i}@example.net" for i in range(51))

    with pytest.raises(InvalidInput):
        _send(check_round, coordinator, many)

    assert Invitation.objects.count() == 0


def test_fifty_addresses_are_fine(check_round, coordinator, django_capture_on_commit_callbacks):
    many = "\n".join(f"person{i}@example.net" for i in range(50))

    with django_capture_on_commit_callbacks(execute=True):
        assert _send(check_round, coordinator, many) == 50

    assert len(mail.outbox) == 50


def test_per_round_ceiling_counts_earlier_mails(check_round, coordinator, settings):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "CHECK_MAX_MAILED_LINKS_PER_ROUND": 4}
    _send(check_round, coordinator, ADDRESSES)

    with pytest.raises(DomainError) as exc:
        _send(check_round, coordinator, ["a@example.net", "b@example.net"])

    assert "noch 1 Links" in str(exc.value)
    assert Invitation.objects.count() == 3


def test_closed_round_sends_nothing(check_round, coordinator, django_capture_on_commit_callbacks):
    services.close_round(check_round, actor=coordinator)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        _send(check_round, coordinator, ADDRESSES)

    assert mail.outbox == []


def test_only_managers_of_this_team_may_send(check_round, volunteer, organization):
    other = OrganizationMembershipFactory(organization=organization).user
    make_team(other, organization, name="Anderes Team")
    add_member(check_round.team, volunteer, group="ehrenamt")

    with pytest.raises(Forbidden):  # a member sees the team but does not lead the check
        _send(check_round, volunteer, ADDRESSES)
    with pytest.raises(NotFound):  # a colleague outside the team does not even see it
        _send(check_round, other, ADDRESSES)

    assert Invitation.objects.count() == 0


# --- Page -----------------------------------------------------------------------------------


def test_page_sends_and_reports_the_count_but_never_shows_links(
    client, check_round, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, check_round, "\n".join(ADDRESSES))
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == reverse("guide:round", args=[check_round.pk])
    assert "3 Einladungen mit eigenem Antwortlink sind verschickt." in page.content.decode()
    assert "Per E-Mail verschickt: 3." in page.content.decode()
    assert "/kooperations-check/antworten/" not in page.content.decode()
    assert len(mail.outbox) == 3


def test_page_keeps_the_input_and_names_invalid_addresses(client, check_round, coordinator):
    client.force_login(coordinator)
    text = "ina.haupt@example.net\nkein-at-zeichen"

    response = _post(client, check_round, text, **{"mail-group": "ehrenamt"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "keine gültigen E-Mail-Adressen: kein-at-zeichen" in body
    assert response.context["mail_form"]["emails"].value() == text
    assert response.context["mail_form"]["group"].value() == "ehrenamt"
    assert 'aria-invalid="true"' in body
    assert Invitation.objects.count() == 0


def test_page_refuses_other_coordinators_and_members(
    client, check_round, volunteer, organization, django_capture_on_commit_callbacks
):
    outsider = OrganizationMembershipFactory().user
    colleague = OrganizationMembershipFactory(organization=organization).user
    add_member(check_round.team, volunteer, group="ehrenamt")

    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for user in (outsider, colleague, volunteer):
            client.force_login(user)
            statuses.append(_post(client, check_round, ADDRESSES[0]).status_code)
        client.logout()
        anonymous = _post(client, check_round, ADDRESSES[0])

    assert statuses == [404, 404, 403]  # the member sees the round, may not send links
    assert anonymous.status_code == 302
    assert mail.outbox == []
    assert Invitation.objects.count() == 0


def test_page_needs_post(client, check_round, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("guide:round_mail_links", args=[check_round.pk]))

    assert response.status_code == 405


def test_per_sender_daily_ceiling_counts_every_round(
    check_round, coordinator, organization, settings, django_capture_on_commit_callbacks
):
    """Another team's round does not reset the count: the ceiling is per sender and day."""
    settings.EHRENSACHE = {**settings.EHRENSACHE, "CHECK_MAX_MAILED_LINKS_PER_DAY": 4}
    other_team = make_team(coordinator, organization, name="Team Besuchsdienst")
    second_round = services.start_round(other_team, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _send(check_round, coordinator, ADDRESSES)

    with pytest.raises(DomainError) as exc:
        _send(second_round, coordinator, ["a@example.net", "b@example.net"])

    assert "Heute können Sie noch 1 Links" in str(exc.value)
    assert Invitation.objects.filter(check_round=second_round).count() == 0
    assert len(mail.outbox) == len(ADDRESSES)
