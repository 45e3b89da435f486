"""Meine Daten: the export holds the person's data and nobody else's, with a bounded number of
queries, and deleting the account removes exactly what the export shows."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.db import models
from django.test import override_settings

from ehrensache.accounts.models import AccountDeletion, User
from ehrensache.accounts.services import delete_account
from ehrensache.audit.models import LogEntry as AuditEntry
from ehrensache.core import personal_data as data_export
from ehrensache.core.personal_data import DELETED, ERASED, UNLINKED
from ehrensache.organizations.models import OrganizationInvitation
from tests.accounts.personal_data import populate
from tests.db_scan import tables_mentioning
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECTIONS = [data_export.section_name(m) for m in data_export.privacy_modules()]

# Per section: lists (by key path) that must not be empty for a populated person.
FILLED = {
    "accounts": ["email_addresses", "network_memberships", "api_keys"],
    "core": ["calendar_subscriptions"],
    "agencies": ["memberships"],
    "organizations": ["memberships", "accepted_invitations"],
    "opportunities": ["contact_person_for"],
    "brokering": ["interests", "counselling_conversations", "invitations"],
    "courses": ["registrations", "completions"],
    "engagements": ["engagements", "trainings_recorded_by_organizations"],
    "recognition": ["cards", "release_requests", "engagement_proofs"],
    "shifts": ["signups"],
    "notifications": ["preferences", "digest_entries"],
    "mailings": ["received", "opt_outs"],
    "workspaces": [],  # the day the last dashboard digest went out, or None
    "guide": ["teams", "rounds_answered", "unsent_drafts"],
    "audit": ["entries"],
    "messaging": ["messages", "conversations", "bounces"],
    "imports": ["imports"],
}
# Sections whose records carry the person's marker in some free text.
WITHOUT_MARKER = {"core", "workspaces", "imports"}


@pytest.fixture
def people():
    staff = UserFactory(email="staff@example.org", display_name="Sabine Staff")
    anna = UserFactory(email="anna@example.org", display_name="Anna Eins")
    bert = UserFactory(email="bert@example.org", display_name="Bert Zwei")
    populate(anna, marker="ANNA-MARKE", staff=staff)
    populate(bert, marker="BERT-MARKE", staff=staff)
    return anna, bert, staff


def _section_text(user, name) -> str:
    module = next(m for m in data_export.privacy_modules() if data_export.section_name(m) == name)
    return json.dumps(module.export(user), cls=data_export.DjangoJSONEncoder, ensure_ascii=False)


def test_every_section_is_covered_by_the_filled_table():
    assert set(FILLED) == set(SECTIONS)


@pytest.mark.parametrize("section", SECTIONS)
def test_section_holds_own_data_and_none_of_another_person(people, section):
    anna, bert, _staff = people

    text = _section_text(anna, section)
    data = json.loads(text)

    for key in FILLED[section]:
        assert data[key], f"{section}.{key} is empty"
    if section not in WITHOUT_MARKER:
        assert "ANNA-MARKE" in text
    assert "BERT-MARKE" not in text
    assert "bert@example.org" not in text
    assert "Bert Zwei" not in text
    assert "Sabine Staff" not in text  # staff acting on Anna's records stay out


def test_export_details_of_engagements_and_drafts(people):
    anna, _bert, _staff = people

    data = data_export.export_personal_data(anna)["sections"]

    [engagement] = data["engagements"]["engagements"]
    assert engagement["record_check"] == {
        "inspected": True,
        "issued_on": engagement["record_check"]["issued_on"],
        "inspected_on": engagement["record_check"]["inspected_on"],
        "relevant_entry": False,
    }
    assert engagement["record_check_deleted"][0]["reason"] == "ended"
    assert engagement["allowances"][0]["amount_cents"] == 84000
    assert engagement["hours"][0]["activity"] == "Vorlesen ANNA-MARKE"
    assert data["guide"]["unsent_drafts"][0]["answers"][0]["value"] == 4
    assert data["brokering"]["interests"][0]["status_label"] == "Neu"
    assert data["accounts"]["account"]["email"] == "anna@example.org"


def test_export_has_notes_about_anonymous_answers_and_secrets(people):
    anna, _bert, _staff = people

    notes = " ".join(data_export.export_personal_data(anna)["notes"])

    assert "Kooperations-Check sind anonym" in notes
    assert "Wiederherstellungscodes" in notes
    assert "§ 72a" in notes


def test_export_query_count_does_not_grow_with_rows(django_assert_num_queries):
    staff = UserFactory()
    anna = UserFactory()
    populate(anna, marker="EINS", staff=staff)
    with django_assert_num_queries(46):
        data_export.export_personal_data(anna)

    populate(anna, marker="ZWEI", staff=staff)
    populate(anna, marker="DREI", staff=staff)
    with django_assert_num_queries(46):
        data = data_export.export_personal_data(anna)
    assert len(data["sections"]["engagements"]["engagements"]) == 3


def _relations_to_user():
    """Every foreign key or one-to-one field of any installed model that points to User."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            is_reference = (field.many_to_one or field.one_to_one) and field.concrete
            if is_reference and field.related_model is User:
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def test_erasure_plan_names_every_reference_to_a_person_with_its_real_behaviour():
    plan = data_export.erasure_plan()
    relations = dict(_relations_to_user())

    assert set(plan) == set(relations), "update ERASURE in the app's privacy.py"
    for key, field in relations.items():
        on_delete = field.remote_field.on_delete
        if plan[key] == DELETED:
            assert on_delete is models.CASCADE, key
        elif plan[key] == UNLINKED:
            assert on_delete is models.SET_NULL, key
        else:
            assert plan[key] == ERASED, key


def _db_lists(value) -> list:
    """All non-empty lists and non-null records in an exported section."""
    if isinstance(value, list):
        return [value] if value else []
    if isinstance(value, dict):
        found = []
        for item in value.values():
            found.extend(_db_lists(item))
        return found
    return []


def test_deleting_the_account_removes_everything_the_export_showed(people):
    anna, bert, staff = people
    anna_pk = anna.pk
    bert_before = data_export.export_personal_data(bert)["sections"]

    delete_account(anna)

    ghost = User(pk=anna_pk, email="geloescht@example.org")
    for module in data_export.privacy_modules():
        section = module.export(ghost)
        section.pop("account", None)  # built from the (unsaved) user object itself
        assert _db_lists(section) == [], data_export.section_name(module)
        assert all(v is None for k, v in section.items() if not isinstance(v, list | dict)), section
    for key in data_export.erasure_plan():
        app_label, model_name, field = key.split(".")
        model = apps.get_model(app_label, model_name)
        assert not model.objects.filter(**{f"{field}_id": anna_pk}).exists(), key
    assert not LogEntry.objects.filter(object_id=str(anna_pk)).exists()
    assert not OrganizationInvitation.objects.filter(email="anna@example.org").exists()
    assert AccountDeletion.objects.count() == 1
    bert_after = data_export.export_personal_data(bert)["sections"]
    assert bert_after == bert_before


def test_deleting_staff_unlinks_them_from_other_peoples_records(people):
    anna, _bert, staff = people
    anna_before = data_export.export_personal_data(anna)["sections"]
    staff_pk = staff.pk

    delete_account(staff)

    for key in data_export.erasure_plan():
        app_label, model_name, field = key.split(".")
        model = apps.get_model(app_label, model_name)
        assert not model.objects.filter(**{f"{field}_id": staff_pk}).exists(), key
    # Anna's records stay complete; only the reference to the staff account is gone.
    assert data_export.export_personal_data(anna)["sections"] == anna_before


def test_download_is_one_json_file_of_the_signed_in_person(client, people):
    anna, _bert, _staff = people
    client.force_login(anna)

    response = client.get("/konto/daten/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="ehrensache-meine-daten-'
    )
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["format"] == "ehrensache.personal-data"
    assert data["person"] == "anna@example.org"
    assert list(data["sections"]) == SECTIONS
    assert "BERT-MARKE" not in response.content.decode()


def test_download_needs_login_and_is_read_only(client, volunteer):
    assert client.get("/konto/daten/")["Location"].startswith("/konto/login/")
    client.force_login(volunteer)
    assert client.post("/konto/daten/").status_code == 405


def test_mein_konto_links_to_the_download(client, volunteer):
    client.force_login(volunteer)

    html = client.get("/konto/").content.decode()

    assert 'href="/konto/daten/"' in html
    assert "Meine Daten herunterladen" in html


def test_export_labels_follow_the_language(client, people):
    anna, _bert, _staff = people
    client.force_login(anna)
    client.cookies["ehrensache_language"] = "en"

    data = json.loads(client.get("/konto/daten/").content)

    assert data["sections"]["brokering"]["interests"][0]["status_label"] == "New"


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# What identifies Anna (the marker also names organizations and offers that stay).
NEEDLES = ["anna@example.org", "Anna Eins"]


def _session_users() -> list[str]:
    from django.contrib.sessions.models import Session

    return [str(s.get_decoded().get("_auth_user_id")) for s in Session.objects.all()]


@override_settings(TASKS=DATABASE_TASKS)
def test_erasure_leaves_no_remnant_in_any_table_task_session_or_audit_entry(people):
    """The database scan after erasure, with the database task backend: mails to or about the
    person that the worker has not sent (or that failed), their sessions on every device and
    the audit trail hold nothing of them any more; Bert's stay."""
    from django.test import Client
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from ehrensache.core.tasks import send_email

    anna, bert, staff = people
    anna_pk = anna.pk
    send_email.enqueue(to=["anna@example.org"], subject="Ihr Platz", body="Hallo Anna Eins")
    send_email.enqueue(
        to=["staff@example.org"],
        subject="Neue Anfrage",
        body="Eine Person hat Interesse.",
        reply_to=["anna@example.org"],
    )
    for row in DBTaskResult.objects.all():  # the mail server refused this one
        if row.args_kwargs["kwargs"].get("reply_to"):
            row.status = TaskResultStatus.FAILED
            row.save(update_fields=["status"])
    send_email.enqueue(to=["bert@example.org"], subject="Ihr Platz", body="Hallo BERT-MARKE")
    for person in (anna, anna, bert):  # two devices of Anna's, one of Bert's
        Client().force_login(person)
    assert tables_mentioning(NEEDLES) != []

    delete_account(anna)

    remnants = tables_mentioning(NEEDLES)
    assert remnants == [], remnants
    assert str(anna_pk) not in _session_users()
    assert _session_users() == [str(bert.pk)]
    assert [r.args_kwargs["kwargs"]["to"] for r in DBTaskResult.objects.all()] == [
        ["bert@example.org"]
    ]
    assert not AuditEntry.objects.filter(subject_person_id=anna_pk).exists()
    assert not AuditEntry.objects.filter(actor_id=anna_pk).exists()
