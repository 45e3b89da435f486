"""Compose, preview, send: placeholders, 0 recipients, idempotency, the worker."""

import pytest
from django.core import mail
from django.utils import timezone

from ehrensache.audit.models import LogEntry
from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.mailings import audiences, services
from ehrensache.mailings.models import Delivery, Mailing, OptOut
from ehrensache.mailings.services import NoRecipients
from tests.factories import ShiftFactory, ShiftSignupFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = audiences.get("shift-day")


def _send(plan, day, coordinator, key="k" * 20, body="Hallo {vorname}, bis {datum} in {ort}!"):
    return services.send_mailing(
        DAY,
        plan,
        choice=day,
        subject="Samstag: {aufgabe}",
        body=body,
        idempotency_key=key,
        actor=coordinator,
    )


def test_preview_counts_and_renders_for_the_first_recipient(
    plan, saturday, saturday_shifts, coordinator
):
    preview = services.preview(
        DAY,
        plan,
        choice=saturday,
        subject="Hallo {vorname}",
        body="{name}, {ort}",
        actor=coordinator,
    )
    assert preview.count == 12
    first = preview.recipients[0].person
    assert preview.subject == f"Hallo {first.display_name.split()[0]}"
    assert preview.body == f"{first.display_name}, Stand 9"


def test_unknown_placeholder_is_a_form_error_naming_it(
    plan, saturday, saturday_shifts, coordinator
):
    with pytest.raises(InvalidInput) as exc:
        services.preview(
            DAY, plan, choice=saturday, subject="Hallo", body="Hi {Spitzname}!", actor=coordinator
        )
    assert exc.value.field == "body"
    assert "{spitzname}" in str(exc.value) and "{vorname}" in str(exc.value)


def test_day_is_required_and_must_be_one_of_the_plan(plan, saturday_shifts, coordinator):
    for choice in ("", "2099-01-01", "\x00"):
        with pytest.raises(InvalidInput):
            services.preview(DAY, plan, choice=choice, subject="a", body="b", actor=coordinator)


def test_send_creates_one_delivery_each_and_mails_once(
    plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailing, created = _send(plan, saturday, coordinator)
    assert created
    assert mailing.recipient_count == 12
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == 12
    assert len(mail.outbox) == 12
    message = mail.outbox[0]
    assert message.subject == "Samstag: Kuchenstand"
    assert "bis " in message.body and "/abmelden/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert LogEntry.objects.filter(action="mailings.mailing.sent", object_id=mailing.pk).exists()
    # The worker run again (a retried task) sends nothing more.
    assert services.deliver(mailing.pk)["sent"] == 0
    assert len(mail.outbox) == 12


def test_the_same_confirm_twice_creates_no_second_mailing(
    plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = _send(plan, saturday, coordinator)
        second, created = _send(plan, saturday, coordinator)
    assert second == first and not created
    assert Mailing.objects.count() == 1
    assert len(mail.outbox) == 12


def test_a_delivery_marked_sent_is_never_sent_again(
    plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        mailing, _ = _send(plan, saturday, coordinator)
    Delivery.objects.filter(pk=mailing.deliveries.first().pk).update(
        status="sent", sent_at=timezone.now()
    )
    services.deliver(mailing.pk)
    services.deliver(mailing.pk)
    assert len(mail.outbox) == 11
    assert Mailing.objects.get(pk=mailing.pk).finished_at is not None


def test_zero_recipients_sends_nothing(plan, coordinator):
    shift = ShiftFactory(plan=plan)
    with pytest.raises(NoRecipients):
        services.send_mailing(
            audiences.get("shift"),
            shift,
            subject="Hallo",
            body="Text",
            idempotency_key="x" * 20,
            actor=coordinator,
        )
    assert not Mailing.objects.exists()


def test_opted_out_people_are_skipped(
    plan, saturday, saturday_shifts, coordinator, organization, django_capture_on_commit_callbacks
):
    _shifts, people = saturday_shifts
    OptOut.objects.create(
        person=people[0], sender_kind="organization", sender_id=organization.pk, sender_name="x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        mailing, _ = _send(plan, saturday, coordinator)
    assert mailing.deliveries.get(person=people[0]).status == "skipped"
    assert len(mail.outbox) == 11
    assert people[0].email not in {m.to[0] for m in mail.outbox}


def test_other_coordinator_and_volunteer_may_not_write(plan, saturday, saturday_shifts, volunteer):
    from tests.factories import OrganizationMembershipFactory

    other = OrganizationMembershipFactory().user
    for person in (other, volunteer):
        with pytest.raises(Exception) as exc:
            _send(plan, saturday, person)
        assert exc.type.__name__ in {"Forbidden", "NotFound"}
    assert not Mailing.objects.exists()


def test_bounce_by_verp_address_marks_the_delivery(
    plan, saturday, saturday_shifts, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "BOUNCE_ADDRESS": "bounce+{token}@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        mailing, _ = _send(plan, saturday, coordinator)
    message = mail.outbox[0]
    assert message.from_email.startswith("bounce+")
    assert message.extra_headers["From"] == settings.DEFAULT_FROM_EMAIL
    delivery = services.record_bounce(f"<{message.from_email}>", reason="550 unknown user")
    assert delivery.status == "bounced"
    assert services.record_bounce("bounce+1-0000000000000000@example.org") is None
    assert services.record_bounce("\x00 nonsense") is None
    assert LogEntry.objects.filter(action="mailings.delivery.bounced").count() == 1


def test_unsubscribe_token_binds_person_and_sender(organization, volunteer):
    from ehrensache.mailings import tokens

    token = tokens.unsubscribe_token(volunteer.pk, "organization", organization.pk)
    opt = services.opt_out_by_token(token)
    assert (opt.person, opt.sender_kind, opt.sender_id) == (
        volunteer,
        "organization",
        organization.pk,
    )
    with pytest.raises(NotFound):
        services.opt_out_by_token(token[:-2] + "xx")


def test_recipients_are_unique_and_active(plan, coordinator):
    person = UserFactory()
    gone = UserFactory(is_active=False)
    for hour in (8, 11):
        shift = ShiftFactory(
            plan=plan,
            starts_at=timezone.localtime().replace(hour=hour) + timezone.timedelta(days=9),
            capacity=3,
        )
        ShiftSignupFactory(shift=shift, person=person)
        ShiftSignupFactory(shift=shift, person=gone)
    day = shift.starts_at.astimezone().date().isoformat()
    preview = services.preview(DAY, plan, choice=day, subject="a", body="b", actor=coordinator)
    assert [r.person for r in preview.recipients] == [person]


def test_old_mailings_are_pruned_with_their_recipients(
    plan, saturday, saturday_shifts, coordinator, django_capture_on_commit_callbacks
):
    from ehrensache.core.scheduling import periodic_jobs
    from ehrensache.mailings.tasks import prune_old_mailings

    assert prune_old_mailings in periodic_jobs()

    with django_capture_on_commit_callbacks(execute=True):
        mailing, _ = _send(plan, saturday, coordinator)
    assert prune_old_mailings.call() == 0
    Mailing.objects.filter(pk=mailing.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=366)
    )
    assert services.prune_mailings() == 13  # the mailing and its 12 deliveries
    assert not Delivery.objects.exists()
