import pytest
from django.test import Client
from django.urls import reverse

from ehrensache.messaging import queries, services
from ehrensache.messaging.models import Message
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _write_url(subject, kind="brokering.interest"):
    return reverse("messaging:write", kwargs={"kind": kind, "pk": subject.pk})


def test_interest_page_shows_conversation_and_form(interest, volunteer, coordinator):
    for user in (volunteer, coordinator):
        response = _client(user).get(reverse("brokering:interest", kwargs={"pk": interest.pk}))
        page = response.content.decode()
        assert 'id="unterhaltung"' in page
        assert "Ich lese gern vor" in page
        assert _write_url(interest) in page


def test_writing_on_the_interest_page(interest, volunteer, coordinator):
    client = _client(coordinator)
    response = client.post(_write_url(interest), {"text": "Wann passt es Ihnen?"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"/anfragen/{interest.pk}/#unterhaltung")
    thread = services.thread_of(interest)
    assert [m.text for m in thread.messages.all()] == [interest.message, "Wann passt es Ihnen?"]
    assert queries.unread_total(volunteer) == 1

    # Opening the interest page reads the thread.
    _client(volunteer).get(reverse("brokering:interest", kwargs={"pk": interest.pk}))
    assert queries.unread_total(volunteer) == 0


def test_engagement_page_has_the_conversation(engagement, volunteer, coordinator):
    client = _client(volunteer)
    client.post(
        _write_url(engagement, "engagements.engagement"), {"text": "Bin nächste Woche krank."}
    )

    page = _client(coordinator).get(engagement.get_absolute_url()).content.decode()
    assert "Bin nächste Woche krank." in page


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Bitte schreiben Sie eine Nachricht."),
        ("   \n  ", "Bitte schreiben Sie eine Nachricht."),
        ("a" * 20_000, "zu lang"),
    ],
)
def test_bad_input_is_shown_and_kept(interest, coordinator, text, error):
    response = _client(coordinator).post(_write_url(interest), {"text": text})

    assert response.status_code == 422
    page = response.content.decode()
    assert error in page
    if text.strip() and "\x00" not in text:
        assert text[:50] in page
    assert not Message.objects.exclude(source="initial").exists()


def test_thread_page_bad_input_keeps_text(interest, coordinator):
    thread = services.open_thread(interest)
    response = _client(coordinator).post(
        reverse("messaging:thread", kwargs={"pk": thread.pk}), {"text": "x" * 20_000}
    )
    assert response.status_code == 422
    assert "zu lang" in response.content.decode()


def test_double_submit_adds_one_message(interest, coordinator):
    client = _client(coordinator)
    data = {"text": "Doppelt geklickt", "idempotency_key": "abc123"}
    client.post(_write_url(interest), data)
    client.post(_write_url(interest), data)

    assert Message.objects.filter(text="Doppelt geklickt").count() == 1


@pytest.mark.parametrize(
    "outsider", ["volunteer2", "other_coordinator", "other_agency_staff", "agency_staff"]
)
def test_outsiders_get_404(interest, coordinator, outsider, request):
    thread = services.open_thread(interest)
    client = _client(request.getfixturevalue(outsider))

    assert client.get(reverse("messaging:thread", kwargs={"pk": thread.pk})).status_code == 404
    assert (
        client.post(reverse("messaging:thread", kwargs={"pk": thread.pk}), {"text": "x"})
    ).status_code == 404
    assert client.post(_write_url(interest), {"text": "x"}).status_code == 404
    assert thread.messages.count() == 1


def test_unknown_kind_or_subject_is_404(interest, coordinator):
    client = _client(coordinator)
    assert client.post(_write_url(interest, "accounts.user"), {"text": "x"}).status_code == 404
    bad = reverse("messaging:write", kwargs={"kind": "brokering.interest", "pk": 999999})
    assert client.post(bad, {"text": "x"}).status_code == 404


def _threads(organization, volunteer, coordinator, n):
    from django.utils import timezone

    from ehrensache.brokering.models import Interest

    for i in range(n):
        opportunity = OpportunityFactory(organization=organization, title=f"Angebot {i}")
        now = timezone.now()
        interest = Interest.objects.create(
            opportunity=opportunity,
            volunteer=volunteer,
            message=f"Nachricht {i}",
            status_changed_at=now,
            created_at=now,
        )
        services.post_message(
            services.open_thread(interest), author=coordinator, text=f"Antwort {i}"
        )


@pytest.mark.parametrize("n", [1, 30])
def test_inbox_query_count_is_constant(
    n, organization, volunteer, coordinator, django_assert_num_queries
):
    _threads(organization, volunteer, coordinator, n)
    client = _client(volunteer)
    client.get(reverse("messaging:inbox"))  # warm up session, roles
    # session, user, count, page
    with django_assert_num_queries(5):
        response = client.get(reverse("messaging:inbox"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Angebot {n - 1}" in page
    assert "1 neue" in page


def test_unread_badge_function(interest, volunteer, coordinator, rf):
    thread = services.open_thread(interest)
    services.post_message(thread, author=coordinator, text="Eins")
    services.post_message(thread, author=coordinator, text="Zwei")
    request = rf.get("/")
    request.user = volunteer

    assert queries.unread_count(request) == 2
    assert _client(volunteer).get(reverse("messaging:inbox")).status_code == 200


def test_inbox_newest_first(organization, volunteer, coordinator):
    _threads(organization, volunteer, coordinator, 3)
    page = _client(volunteer).get(reverse("messaging:inbox")).content.decode()
    assert page.index("Angebot 2") < page.index("Angebot 1") < page.index("Angebot 0")
