"""notify(): mail, digest or off as the person chose; essential kinds always mailed; the
daily digest once per person and day."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from ehrensache.core.errors import InvalidInput
from ehrensache.notifications import kinds, services
from ehrensache.notifications.models import Digest, DigestEntry, Preference
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PREFIX = "shifts/mail/reminder"  # any existing templates do; the test kinds render these


@pytest.fixture(autouse=True)
def test_kinds():
    added = [
        kinds.register(kinds.Kind("tests.chatty", "Geplauder")),
        kinds.register(kinds.Kind("tests.needed", "Wichtig", allow_off=False, default="digest")),
        kinds.register(kinds.Kind("tests.essential", "Immer", essential=True)),
    ]
    yield added
    for kind in added:
        kinds._kinds.pop(kind.key, None)


@pytest.fixture
def context():
    shift = type("Shift", (), {"label": "Kuchenstand", "starts_at": None, "ends_at": None})
    plan = type("Plan", (), {"organization": type("O", (), {"name": "Tafel"})})
    return {"shift": shift, "plan": plan}


def choose(user, kind, delivery):
    Preference.objects.create(user=user, kind=kind, delivery=delivery)


def test_default_mail_goes_out_at_once(context, django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="de")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(person, "tests.chatty", PREFIX, context) == "mail"
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "Kuchenstand" in mail.outbox[0].subject


def test_digest_choice_keeps_an_entry_and_sends_nothing(
    context, django_capture_on_commit_callbacks
):
    person = UserFactory()
    choose(person, "tests.chatty", "digest")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(person, "tests.chatty", PREFIX, context) == "digest"
    assert mail.outbox == []
    entry = DigestEntry.objects.get(user=person)
    assert "Kuchenstand" in entry.subject
    assert "Tafel" in entry.text


def test_off_drops_it(context, django_capture_on_commit_callbacks):
    person = UserFactory()
    choose(person, "tests.chatty", "off")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(person, "tests.chatty", PREFIX, context) == "off"
    assert mail.outbox == []
    assert not DigestEntry.objects.exists()


def test_essential_kind_is_mailed_whatever_is_stored(context, django_capture_on_commit_callbacks):
    person = UserFactory()
    choose(person, "tests.essential", "off")  # a row that should never exist: still mailed
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(person, "tests.essential", PREFIX, context) == "mail"
    assert len(mail.outbox) == 1


def test_a_stored_choice_the_kind_no_longer_allows_falls_back_to_default(context):
    person = UserFactory()
    choose(person, "tests.needed", "off")
    assert services.delivery_for(person, "tests.needed") == "digest"


def test_inactive_account_gets_nothing(context, django_capture_on_commit_callbacks):
    person = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(person, "tests.essential", PREFIX, context) == "off"
    assert mail.outbox == []


def test_notify_all_reads_choices_in_one_query(context, django_assert_num_queries):
    people = [UserFactory() for _ in range(3)]
    choose(people[1], "tests.chatty", "digest")
    choose(people[2], "tests.chatty", "off")
    # 1 query for the choices, 1 insert for the digest entry
    with django_assert_num_queries(2):
        counts = services.notify_all(people, "tests.chatty", PREFIX, context)
    assert counts == {"mail": 1, "digest": 1, "off": 1}


def test_undeclared_kind_is_a_programming_error(context):
    with pytest.raises(LookupError):
        services.notify(UserFactory(), "tests.nope", PREFIX, context)


def test_kind_with_a_default_it_does_not_allow_is_refused():
    with pytest.raises(ValueError):
        kinds.Kind("tests.bad", "x", allow_off=False, default="off")


def test_declaring_a_key_twice_differently_is_refused():
    with pytest.raises(ValueError):
        kinds.register(kinds.Kind("tests.chatty", "Anders"))


def test_kinds_of_the_apps_are_declared():
    keys = {k.key for k in kinds.all_kinds()}
    assert {"shifts.reminder", "courses.reminder", "courses.session_changed"} <= keys
    assert "brokering.new_interest" in keys
    assert kinds.get("courses.session_changed").choices() == ["mail"]
    assert "off" not in kinds.get("brokering.new_interest").choices()


# --- Preferences --------------------------------------------------------------------------------


def test_save_preferences_stores_changes_and_logs_them():
    from ehrensache.audit.models import LogEntry

    person = UserFactory()
    changed = services.save_preferences(
        person, choices={"tests.chatty": "digest", "tests.needed": "digest"}
    )
    assert changed == ["tests.chatty"]  # needed was digest by default
    assert Preference.objects.get(user=person, kind="tests.chatty").delivery == "digest"
    entry = LogEntry.objects.get(action="notifications.preferences.changed")
    assert entry.subject_person_id == person.pk
    assert entry.data == {"kinds": ["tests.chatty"]}


@pytest.mark.parametrize(
    "choices",
    [
        {"tests.needed": "off"},
        {"tests.essential": "off"},
        {"tests.essential": "mail"},
        {"tests.unknown": "mail"},
        {"tests.chatty": "sometimes"},
    ],
)
def test_save_preferences_refuses_what_a_kind_does_not_allow(choices):
    person = UserFactory()
    with pytest.raises(InvalidInput):
        services.save_preferences(person, choices=choices)
    assert not Preference.objects.exists()


# --- Digest -------------------------------------------------------------------------------------


def at(hour, day=0):
    today = timezone.localdate() + dt.timedelta(days=day)
    return timezone.make_aware(dt.datetime.combine(today, dt.time(hour)))


def test_digest_sends_one_mail_per_person_and_day(context, django_capture_on_commit_callbacks):
    anna, ben = UserFactory(), UserFactory()
    for person in (anna, ben):
        choose(person, "tests.chatty", "digest")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.notify(anna, "tests.chatty", PREFIX, context, now=at(3))
        services.notify(ben, "tests.chatty", PREFIX, context, now=at(4))
        assert services.send_digests(now=at(6)) == 0  # before the digest hour
        assert services.send_digests(now=at(8)) == 2
        assert services.send_digests(now=at(9)) == 0  # idempotent
    assert sorted(m.to[0] for m in mail.outbox) == sorted([anna.email, ben.email])
    anna_mail = next(m for m in mail.outbox if m.to == [anna.email])
    assert "1. Erinnerung" in anna_mail.body and "2. Erinnerung" in anna_mail.body
    assert "2 Nachrichten" in anna_mail.subject
    assert "/konto/benachrichtigungen/" in anna_mail.body
    assert not DigestEntry.objects.filter(digest__isnull=True).exists()


def test_entries_after_todays_digest_wait_for_tomorrow(context, django_capture_on_commit_callbacks):
    person = UserFactory()
    choose(person, "tests.chatty", "digest")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(person, "tests.chatty", PREFIX, context, now=at(5))
        assert services.send_digests(now=at(8)) == 1
        services.notify(person, "tests.chatty", PREFIX, context, now=at(10))
        assert services.send_digests(now=at(11)) == 0
        assert services.send_digests(now=at(8, day=1)) == 1
    assert len(mail.outbox) == 2
    assert Digest.objects.filter(user=person).count() == 2


def test_a_digest_already_recorded_for_the_day_is_not_sent_again(context):
    person = UserFactory()
    choose(person, "tests.chatty", "digest")
    services.notify(person, "tests.chatty", PREFIX, context, now=at(5))
    Digest.objects.create(user=person, day=timezone.localdate(at(8)), sent_at=at(7))
    assert services.send_digests(now=at(8)) == 0
    assert services._send_digest(person.pk, day=timezone.localdate(at(8)), now=at(8)) == 0
    assert DigestEntry.objects.filter(digest__isnull=True).count() == 1


def test_old_digests_are_pruned(context, settings):
    person = UserFactory()
    choose(person, "tests.chatty", "digest")
    services.notify(person, "tests.chatty", PREFIX, context, now=at(5, day=-40))
    services.send_digests(now=at(8, day=-40))
    assert services.prune_digests() >= 1
    assert not DigestEntry.objects.exists()


# --- Privacy ------------------------------------------------------------------------------------


def test_export_and_erasure(context):
    from ehrensache.notifications import privacy

    person = UserFactory()
    choose(person, "tests.chatty", "digest")
    services.notify(person, "tests.chatty", PREFIX, context)
    data = privacy.export(person)
    assert data["preferences"][0]["delivery"] == "digest"
    assert "Kuchenstand" in data["digest_entries"][0]["subject"]
    person.delete()
    assert not DigestEntry.objects.exists() and not Preference.objects.exists()


def test_headers_and_reply_to_reach_the_mail(context, django_capture_on_commit_callbacks):
    person = UserFactory()
    unsubscribe = "<https://example.org/abmelden/x>"
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            person,
            "tests.chatty",
            PREFIX,
            context,
            reply_to=["antwort@example.org"],
            headers={"List-Unsubscribe": unsubscribe},
        )
    [sent] = mail.outbox
    assert sent.reply_to == ["antwort@example.org"]
    assert sent.message()["List-Unsubscribe"] == unsubscribe
