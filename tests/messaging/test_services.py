import pytest

from ehrensache.audit.models import LogEntry
from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.messaging import queries, services
from ehrensache.messaging.models import Message, Participant

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_thread_starts_with_the_interests_message(interest, volunteer):
    thread = services.open_thread(interest)

    [first] = thread.messages.all()
    assert first.source == Message.Source.INITIAL
    assert first.author == volunteer
    assert first.text == interest.message
    assert services.open_thread(interest) == thread  # once per subject


def test_coordinator_writes_volunteer_gets_unread_and_mail(
    interest, volunteer, coordinator, commit, mailoutbox
):
    thread = services.open_thread(interest)
    with commit(execute=True):
        message = services.post_message(thread, author=coordinator, text="  Hallo Vera!\r\n ")

    assert message.text == "Hallo Vera!"
    assert queries.unread_total(volunteer) == 1
    assert queries.unread_total(coordinator) == 0
    [mail] = mailoutbox
    assert mail.to == [volunteer.email]
    assert "Hallo Vera!" in mail.body
    [reply_to] = mail.reply_to
    assert reply_to.startswith("antwort+") and reply_to.endswith("@ehrensache.example")

    services.mark_read(thread, user=volunteer)
    assert queries.unread_total(volunteer) == 0


def test_message_is_logged_without_its_text(interest, coordinator):
    thread = services.open_thread(interest)
    services.post_message(thread, author=coordinator, text="Geheimer Inhalt")

    entry = LogEntry.objects.get(action="messaging.message.posted")
    assert entry.data == {"source": "web"}
    assert "Geheimer" not in str(entry.__dict__)


def test_referring_agency_takes_part(referral, agency_staff, coordinator, commit, mailoutbox):
    thread = services.open_thread(referral)
    with commit(execute=True):
        services.post_message(thread, author=agency_staff, text="Frau R. meldet sich bei Ihnen.")

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [coordinator.email, referral.volunteer.email]
    )
    assert set(Participant.objects.filter(thread=thread).values_list("user_id", flat=True)) == {
        agency_staff.pk,
        coordinator.pk,
        referral.volunteer_id,
    }


def test_engagement_thread_includes_referring_agency(engagement, referral, agency_staff):
    engagement.interest = referral
    engagement.volunteer = referral.volunteer
    engagement.save()
    thread = services.open_thread(engagement)

    services.post_message(thread, author=agency_staff, text="Wie läuft es?")

    assert thread.messages.count() == 1


@pytest.mark.parametrize(
    "outsider", ["volunteer2", "other_coordinator", "other_agency_staff", "agency_staff"]
)
def test_outsiders_cannot_read_or_write(interest, outsider, request):
    user = request.getfixturevalue(outsider)
    thread = services.open_thread(interest)

    with pytest.raises(NotFound):
        services.thread_for_user(user, thread.pk)
    with pytest.raises(NotFound):
        services.post_message(thread, author=user, text="Hallo")
    assert thread.messages.count() == 1  # only the initial message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Bitte schreiben Sie eine Nachricht."),
        (" \n\t ", "Bitte schreiben Sie eine Nachricht."),
        ("x" * 20_000, "zu lang"),
        ("Hallo\x00Welt", "NUL"),
    ],
)
def test_bad_text_is_refused(interest, coordinator, text, expected):
    thread = services.open_thread(interest)

    with pytest.raises(InvalidInput) as refused:
        services.post_message(thread, author=coordinator, text=text)

    assert expected in str(refused.value)
    assert refused.value.field == "text"


def test_same_idempotency_key_adds_one_message(interest, coordinator, commit, mailoutbox):
    thread = services.open_thread(interest)
    with commit(execute=True):
        first = services.post_message(thread, author=coordinator, text="Hi", idempotency_key="k1")
        second = services.post_message(thread, author=coordinator, text="Hi", idempotency_key="k1")

    assert first == second
    assert len(mailoutbox) == 1


def test_erasure_replaces_text_and_keeps_the_conversation(interest, volunteer, coordinator):
    thread = services.open_thread(interest)
    services.post_message(thread, author=volunteer, text="Meine Telefonnummer ist 0123")
    services.post_message(thread, author=coordinator, text="Danke!")

    services.erase_messages_of(volunteer)

    texts = list(thread.messages.values_list("text", "author_id"))
    assert texts == [("", None), ("", None), ("Danke!", coordinator.pk)]


def test_export_lists_own_messages(interest, volunteer, coordinator):
    from ehrensache.messaging.privacy import export

    thread = services.open_thread(interest)
    services.post_message(thread, author=coordinator, text="Von der Koordination")

    data = export(volunteer)

    assert [m["text"] for m in data["messages"]] == [interest.message]
    assert data["conversations"][0]["unread"] == 1


def test_agency_holding_a_routed_interest_takes_part(
    opportunity, volunteer, agency, agency_staff, commit, mailoutbox
):
    """Nobody coordinates the organization: the interest went to the responsible agency,
    whose staff answer in its conversation."""
    from django.utils import timezone

    from ehrensache.brokering.models import Interest

    opportunity.organization.memberships.all().delete()
    now = timezone.now()
    routed = Interest.objects.create(
        opportunity=opportunity,
        volunteer=volunteer,
        message="Ist noch ein Platz frei?",
        routed_to=Interest.Route.AGENCY,
        routed_agency=agency,
        status_changed_at=now,
        created_at=now,
    )
    thread = services.open_thread(routed)
    with commit(execute=True):
        services.post_message(thread, author=agency_staff, text="Wir kümmern uns darum.")

    assert [m.to for m in mailoutbox] == [[volunteer.email]]
    assert services.thread_for_user(volunteer, thread.pk) == thread


def test_old_bounces_are_pruned():
    from datetime import timedelta

    from django.utils import timezone

    from ehrensache.messaging.models import Bounce
    from ehrensache.messaging.tasks import BOUNCE_KEEP_DAYS, prune_bounces

    old = Bounce.objects.create(recipient="alt@example.org")
    Bounce.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - timedelta(days=BOUNCE_KEEP_DAYS + 1)
    )
    Bounce.objects.create(recipient="neu@example.org")

    assert prune_bounces.call() == 1
    assert list(Bounce.objects.values_list("recipient", flat=True)) == ["neu@example.org"]
