"""Pages: compose → preview → send, errors keep the text, lists with fixed query counts."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ehrensache.mailings.models import Delivery, Mailing, Template
from tests.factories import ShiftFactory, ShiftSignupFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _compose_url(plan):
    return reverse("mailings:compose", kwargs={"kind": "shift-day", "object_id": plan.pk})


def _send_url(plan):
    return reverse("mailings:send", kwargs={"kind": "shift-day", "object_id": plan.pk})


def _key(response):
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


def test_compose_preview_send(
    client, coordinator, plan, saturday, saturday_shifts, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = client.get(reverse("shifts:plan", kwargs={"pk": plan.pk}))
    assert _compose_url(plan) in page.content.decode()
    assert client.get(_compose_url(plan)).status_code == 200
    data = {"choice": saturday, "subject": "Samstag", "body": "Hallo {vorname}, Treffpunkt {ort}."}
    preview = client.post(_compose_url(plan), {**data, "action": "preview"})
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "12 Personen bekommen diese Nachricht" in text
    assert "Treffpunkt Stand 9" in text
    assert text.count("Helfer</li>") == 12
    key = _key(preview)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(_send_url(plan), {**data, "idempotency_key": key})
    mailing = Mailing.objects.get()
    assert sent.status_code == 302 and sent["Location"] == mailing.get_absolute_url()
    assert len(mail.outbox) == 12
    # The same confirm form again (double click, back button): nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_send_url(plan), {**data, "idempotency_key": key})
    assert again.status_code == 302 and Mailing.objects.count() == 1 and len(mail.outbox) == 12
    detail = client.get(mailing.get_absolute_url()).content.decode()
    assert "Gesendet: 12" in detail and "Hanna00 Helfer" in detail


def test_unknown_placeholder_keeps_the_text(client, coordinator, plan, saturday, saturday_shifts):
    client.force_login(coordinator)
    body = "Hallo {vorname}, bring {Kuchen} mit"
    response = client.post(
        _compose_url(plan), {"choice": saturday, "subject": "x", "body": body, "action": "preview"}
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert "Den Platzhalter {kuchen} gibt es hier nicht" in text
    assert "bring {Kuchen} mit" in text


def test_group_without_recipients(client, coordinator, plan, django_capture_on_commit_callbacks):
    shift = ShiftFactory(plan=plan)
    client.force_login(coordinator)
    url = reverse("mailings:compose", kwargs={"kind": "shift", "object_id": shift.pk})
    data = {"subject": "x", "body": "y"}
    preview = client.post(url, {**data, "action": "preview"})
    assert "Zu dieser Gruppe gehört niemand" in preview.content.decode()
    assert "Jetzt senden" not in preview.content.decode()
    send = reverse("mailings:send", kwargs={"kind": "shift", "object_id": shift.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send, {**data, "idempotency_key": "a" * 32})
    assert response.status_code == 422
    assert "Es wurde nichts gesendet" in response.content.decode()
    assert not Mailing.objects.exists() and not mail.outbox


def test_odd_input_is_no_500(client, coordinator, plan, saturday, saturday_shifts):
    client.force_login(coordinator)
    for data in (
        {"choice": "\x00", "subject": "x", "body": "y"},
        {"choice": saturday, "subject": "x" * 5000, "body": "{" * 100},
        {"choice": saturday, "subject": "\x00", "body": "\x00"},
    ):
        assert client.post(_compose_url(plan), {**data, "action": "preview"}).status_code == 422
    bad_kind = reverse("mailings:compose", kwargs={"kind": "nope", "object_id": 1})
    assert client.get(bad_kind).status_code == 404
    huge = reverse("mailings:compose", kwargs={"kind": "shift", "object_id": 10**18})
    assert client.get(huge).status_code == 404


def test_template_saved_and_chosen(client, coordinator, plan, saturday, saturday_shifts):
    client.force_login(coordinator)
    data = {"choice": saturday, "subject": "Erinnerung", "body": "Hallo {vorname}"}
    client.post(
        _compose_url(plan), {**data, "template_name": "Erinnerung", "action": "save_template"}
    )
    template = Template.objects.get()
    assert (template.sender_kind, template.name) == ("organization", "Erinnerung")
    page = client.get(_compose_url(plan) + f"?vorlage={template.pk}").content.decode()
    assert "Hallo {vorname}" in page
    bad = client.post(
        _compose_url(plan),
        {**data, "body": "{xyz}", "template_name": "Kaputt", "action": "save_template"},
    )
    assert bad.status_code == 422 and Template.objects.count() == 1


def _mailings(organization, coordinator, n, people):
    for i in range(n):
        mailing = Mailing.objects.create(
            audience="shift",
            object_id=1,
            audience_label="Dienst",
            sender_kind="organization",
            sender_id=organization.pk,
            sender_name=organization.name,
            subject=f"Nachricht {i}",
            body="Text",
            author=coordinator,
            idempotency_key=f"key-{n}-{i}-0000000000000",
            recipient_count=len(people),
        )
        Delivery.objects.bulk_create(
            Delivery(mailing=mailing, person=p, name=str(p), status="sent") for p in people
        )
    return mailing


@pytest.mark.parametrize("n", [1, 4])
def test_list_and_detail_query_counts(
    client, coordinator, organization, n, django_assert_num_queries
):
    people = [UserFactory() for _ in range(n * 3)]
    mailing = _mailings(organization, coordinator, n, people)
    client.force_login(coordinator)
    with django_assert_num_queries(10):
        assert client.get(reverse("mailings:list")).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(mailing.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 5])
def test_preview_query_count(client, coordinator, plan, n, django_assert_num_queries):
    shift = ShiftFactory(plan=plan, capacity=10)
    for _ in range(n):
        ShiftSignupFactory(shift=shift, person=UserFactory())
    client.force_login(coordinator)
    url = reverse("mailings:compose", kwargs={"kind": "shift", "object_id": shift.pk})
    with django_assert_num_queries(9):
        response = client.post(url, {"subject": "x", "body": "{vorname}", "action": "preview"})
    assert response.status_code == 200


def test_other_coordinator_sees_no_mailing(client, organization, coordinator):
    from tests.factories import OrganizationMembershipFactory

    mailing = _mailings(organization, coordinator, 1, [UserFactory()])
    other = OrganizationMembershipFactory().user
    client.force_login(other)
    assert client.get(mailing.get_absolute_url()).status_code == 404
    assert "Nachricht 0" not in client.get(reverse("mailings:list")).content.decode()


def test_unsubscribe_link_and_resubscribe_from_the_account(client, volunteer, organization):
    from ehrensache.audit.models import LogEntry
    from ehrensache.mailings.models import OptOut
    from ehrensache.mailings.tokens import unsubscribe_token

    url = reverse(
        "mailings:unsubscribe",
        kwargs={"token": unsubscribe_token(volunteer.pk, "organization", organization.pk)},
    )
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert client.post(url).status_code == 200  # twice: still one opt-out
    opt = OptOut.objects.get(person=volunteer)
    assert client.get(url[:-5] + "xxxx/").status_code == 404
    client.force_login(volunteer)
    page = client.get(reverse("mailings:preferences")).content.decode()
    assert "Wieder erhalten" in page
    assert (
        reverse("mailings:preferences") in client.get(reverse("accounts:profile")).content.decode()
    )
    response = client.post(reverse("mailings:preferences"), {"opt_out": opt.pk})
    assert response.status_code == 302 and not OptOut.objects.exists()
    actions = set(
        LogEntry.objects.filter(subject_person=volunteer).values_list("action", flat=True)
    )
    assert actions == {"mailings.optout.created", "mailings.optout.withdrawn"}


def test_someone_elses_opt_out_cannot_be_withdrawn(client, volunteer, organization):
    from ehrensache.mailings.models import OptOut

    opt = OptOut.objects.create(
        person=UserFactory(), sender_kind="organization", sender_id=organization.pk, sender_name="x"
    )
    client.force_login(volunteer)
    assert client.post(reverse("mailings:preferences"), {"opt_out": opt.pk}).status_code == 404
    assert client.post(reverse("mailings:preferences"), {"opt_out": "\x00"}).status_code == 404
    assert OptOut.objects.exists()
