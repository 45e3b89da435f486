import re
from datetime import date

import pytest
from django.urls import reverse

from ehrensache.brokering import services
from ehrensache.brokering.models import Conversation, FollowUp, Interest, VolunteerProfile
from tests.factories import OpportunityFactory, ProfileFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def interest(opportunity, volunteer):
    return services.express_interest(opportunity, volunteer=volunteer, message="Hallo")[0]


@pytest.fixture
def conversation(agency, agency_staff):
    return services.record_conversation(
        agency,
        actor=agency_staff,
        held_on=date(2026, 3, 2),
        guest_name="Gerda Gast",
        guest_postal_code="35037",
        consent=True,
        interests=["bildung"],
    )


@pytest.fixture
def referral(conversation, opportunity, agency_staff):
    return services.refer_to_opportunity(conversation, opportunity=opportunity, actor=agency_staff)


@pytest.fixture
def follow_up(referral, agency):
    return FollowUp.objects.create(interest=referral, agency=agency, due_on=date(2026, 4, 13))


def test_interest_button_posts_once(client, opportunity, volunteer):
    client.force_login(volunteer)
    url = reverse("brokering:express_interest", args=[opportunity.pk])

    first = client.post(url, {"message": "Ich kann samstags."})
    second = client.post(url, {"message": "Nochmal"})

    interest = Interest.objects.get()
    assert first.url == second.url == reverse("brokering:interest", args=[interest.pk])
    assert interest.message == "Ich kann samstags."


def test_interest_needs_an_account(client, opportunity):
    url = reverse("brokering:express_interest", args=[opportunity.pk])

    response = client.post(url, {"message": "x"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert Interest.objects.count() == 0


def test_too_long_message_keeps_input(client, opportunity, volunteer):
    client.force_login(volunteer)

    response = client.post(
        reverse("brokering:express_interest", args=[opportunity.pk]), {"message": "x" * 2001}
    )

    assert response.status_code == 200
    assert "x" * 2001 in response.content.decode()
    assert Interest.objects.count() == 0


def test_coordinator_sets_meeting_agreed_and_volunteer_sees_it(
    client, interest, coordinator, volunteer
):
    url = reverse("brokering:interest", args=[interest.pk])
    client.force_login(coordinator)

    response = client.post(url, {"status": "meeting_agreed", "reason": ""})

    assert response.status_code == 302
    client.force_login(volunteer)
    page = client.get(reverse("brokering:my_interests")).content.decode()
    assert "Erstgespräch vereinbart" in page


def test_decline_without_reason_keeps_form(client, interest, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("brokering:interest", args=[interest.pk]), {"status": "declined", "reason": ""}
    )

    assert response.status_code == 200
    assert "Bitte geben Sie einen Grund" in response.content.decode()
    assert Interest.objects.get().status == Interest.Status.NEW


# --- Scopes: everyone else gets 404 (records) or 403 (role pages) ---------------------------


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("outsider", ["other_coordinator", "other_agency_staff", "other_volunteer"])
def test_interest_page_hidden_from_others(client, interest, outsider, request):
    user = request.getfixturevalue(outsider)

    response = _as(client, user).get(reverse("brokering:interest", args=[interest.pk]))
    post = client.post(reverse("brokering:interest", args=[interest.pk]), {"status": "started"})

    assert (response.status_code, post.status_code) == (404, 404)
    assert Interest.objects.get().status == Interest.Status.NEW


@pytest.mark.parametrize("outsider", ["other_coordinator", "other_agency_staff", "other_volunteer"])
def test_referral_hidden_from_others(client, referral, outsider, request):
    user = request.getfixturevalue(outsider)

    response = _as(client, user).get(reverse("brokering:interest", args=[referral.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("outsider", ["other_agency_staff", "coordinator", "other_volunteer"])
def test_conversation_hidden_from_others(client, conversation, outsider, request, opportunity):
    user = request.getfixturevalue(outsider)
    client = _as(client, user)

    detail = client.get(reverse("brokering:conversation", args=[conversation.pk]))
    edit = client.get(reverse("brokering:conversation_edit", args=[conversation.pk]))
    refer = client.post(
        reverse("brokering:refer", args=[conversation.pk]), {"opportunity": opportunity.pk}
    )

    assert (detail.status_code, edit.status_code, refer.status_code) == (404, 404, 404)
    assert Interest.objects.count() == 0


def test_follow_up_hidden_from_other_agency(client, follow_up, other_agency_staff):
    response = _as(client, other_agency_staff).post(
        reverse("brokering:follow_up", args=[follow_up.pk]), {"answer": "started"}
    )

    assert response.status_code == 404
    assert FollowUp.objects.get().answered_at is None


@pytest.mark.parametrize(
    ("name", "outsider"),
    [
        ("brokering:inbox", "other_volunteer"),
        ("brokering:inbox", "agency_staff"),
        ("brokering:counselling", "coordinator"),
        ("brokering:counselling", "other_volunteer"),
        ("brokering:conversation_new", "coordinator"),
        ("brokering:referrals", "other_volunteer"),
        ("brokering:follow_ups", "coordinator"),
    ],
)
def test_role_pages_refuse_other_roles(client, name, outsider, request):
    user = request.getfixturevalue(outsider)

    response = _as(client, user).get(reverse(name))

    assert response.status_code == 403


def test_inbox_shows_only_own_organizations(client, interest, other_coordinator):
    page = _as(client, other_coordinator).get(reverse("brokering:inbox")).content.decode()

    assert interest.opportunity.title not in page
    assert "Keine Anfragen." in page


def test_agency_parameter_of_another_agency_is_403(client, agency_staff, other_agency):
    response = _as(client, agency_staff).get(
        reverse("brokering:counselling"), {"agentur": other_agency.pk}
    )
    unknown = client.get(reverse("brokering:counselling"), {"agentur": 999999})

    assert (response.status_code, unknown.status_code) == (403, 404)


def test_candidates_refused_to_other_coordinator(client, opportunity, other_coordinator):
    profile = ProfileFactory(findable=True, findable_since="2026-03-01T10:00:00+01:00")

    page = _as(client, other_coordinator).get(
        reverse("brokering:candidates", args=[opportunity.pk])
    )
    invite = client.post(reverse("brokering:invite", args=[opportunity.pk, profile.pk]))

    # The opportunity is published (public): the pages exist, they are not theirs.
    assert (page.status_code, invite.status_code) == (403, 403)


def test_candidates_show_only_consenting_people_with_reasons(client, opportunity, coordinator):
    ProfileFactory(user__display_name="Frieda Findbar", findable=True, findable_since="2026-03-01")
    ProfileFactory(user__display_name="Victor Versteckt", findable=False)

    page = _as(client, coordinator).get(reverse("brokering:candidates", args=[opportunity.pk]))

    text = page.content.decode()
    assert "Frieda Findbar" in text
    assert "Victor Versteckt" not in text
    assert "Bildung &amp; Lernhilfe · " in text


def test_for_you_ranks_with_reasons(client, volunteer, organization):
    ProfileFactory(user=volunteer)
    OpportunityFactory(
        organization=organization,
        title="Lesepaten",
        field="bildung",
        on_saturday=True,
        in_afternoon=True,
        hours_per_week=2,
    )
    OpportunityFactory(organization=organization, title="Hundegassi", field="tierschutz")

    text = _as(client, volunteer).get(reverse("brokering:for_you")).content.decode()

    assert text.index("Lesepaten") < text.index("Hundegassi")
    assert "Für Sie" in text and "Für dich" not in text  # the site says "Sie" throughout
    assert "Warum es passt:</strong> Bildung &amp; Lernhilfe · " in text
    assert "samstags" in text


def test_profile_form_keeps_input_on_unknown_postal_code(client, volunteer):
    response = _as(client, volunteer).post(
        reverse("brokering:profile"),
        {"postal_code": "00000", "travel_km": "10", "skills": "Gitarre", "interests": ["sport"]},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Diese Postleitzahl kennen wir nicht" in text
    assert "Gitarre" in text
    assert not VolunteerProfile.objects.exists()


def test_record_conversation_and_refer(client, agency_staff, opportunity, coordinator):
    client = _as(client, agency_staff)

    response = client.post(
        reverse("brokering:conversation_new"),
        {
            "held_on": "2026-03-02",
            "guest_name": "Gerda Gast",
            "guest_postal_code": "35037",
            "consent": "on",
            "interests": ["bildung"],
            "outcome": "open",
        },
    )
    conversation = Conversation.objects.get()
    detail = client.get(response.url).content.decode()
    client.post(reverse("brokering:refer", args=[conversation.pk]), {"opportunity": opportunity.pk})

    assert opportunity.title in detail
    inbox = _as(client, coordinator).get(reverse("brokering:inbox")).content.decode()
    assert "Gerda Gast" in inbox
    assert "vermittelt durch Freiwilligenagentur Marburg-Biedenkopf (Demo)" in inbox


def test_conversation_without_consent_is_not_saved(client, agency_staff):
    response = _as(client, agency_staff).post(
        reverse("brokering:conversation_new"),
        {"held_on": "2026-03-02", "guest_name": "Gerda Gast", "outcome": "open"},
    )

    assert response.status_code == 200
    assert "Gerda Gast" in response.content.decode()
    assert not Conversation.objects.exists()


# --- Query counts: flat for 1 and 3 rows -----------------------------------------------------


def _interests(n, organization):
    for _ in range(n):
        services.express_interest(
            OpportunityFactory(organization=organization), volunteer=UserFactory()
        )


@pytest.mark.parametrize("n", [1, 3])
def test_inbox_query_count_is_flat(client, coordinator, organization, n, django_assert_num_queries):
    _interests(n, organization)
    client.force_login(coordinator)

    with django_assert_num_queries(9):
        response = client.get(reverse("brokering:inbox"))

    assert response.content.decode().count('href="/anfragen/') == n


@pytest.mark.parametrize("n", [1, 3])
def test_my_interests_query_count_is_flat(
    client, volunteer, organization, n, django_assert_num_queries
):
    for _ in range(n):
        services.express_interest(
            OpportunityFactory(organization=organization), volunteer=volunteer
        )
    client.force_login(volunteer)

    with django_assert_num_queries(5):
        response = client.get(reverse("brokering:my_interests"))

    assert response.content.decode().count('href="/anfragen/') == n


@pytest.mark.parametrize("n", [1, 3])
def test_referrals_and_follow_ups_query_count_is_flat(
    client, agency, agency_staff, conversation, organization, n, django_assert_num_queries
):
    for _ in range(n):
        referral = services.refer_to_opportunity(
            conversation,
            opportunity=OpportunityFactory(organization=organization),
            actor=agency_staff,
        )
        FollowUp.objects.create(interest=referral, agency=agency, due_on=date(2026, 4, 13))
    client.force_login(agency_staff)

    with django_assert_num_queries(9):
        referrals = client.get(reverse("brokering:referrals"))
    with django_assert_num_queries(8):
        follow_ups = client.get(reverse("brokering:follow_ups"))

    assert referrals.content.decode().count('href="/anfragen/') == n
    assert len(re.findall(r'href="/beratung/nachfragen/\d+/"', follow_ups.content.decode())) == n


@pytest.mark.parametrize("n", [1, 3])
def test_for_you_query_count_is_flat(client, volunteer, organization, n, django_assert_num_queries):
    ProfileFactory(user=volunteer)
    OpportunityFactory.create_batch(n, organization=organization)
    client.force_login(volunteer)

    with django_assert_num_queries(5):
        response = client.get(reverse("brokering:for_you"))

    assert response.content.decode().count('class="kern-card"') == n


def test_choosing_started_leads_the_coordinator_to_the_engagement_form(client, interest, request):
    """The pipeline's "Engagement begonnen" creates the engagement: the status page hands over
    to the engagement form instead of only changing the status."""
    coordinator = request.getfixturevalue("coordinator")
    services.change_interest_status(interest, status=Interest.Status.IN_CONTACT, actor=coordinator)

    response = _as(client, coordinator).post(
        reverse("brokering:interest", args=[interest.pk]), {"status": "started"}
    )

    assert response.status_code == 302
    assert response.url == f"{reverse('engagements:start')}?interesse={interest.pk}"
    assert Interest.objects.get().status == Interest.Status.IN_CONTACT


def test_a_guest_referral_is_marked_started_directly(client, referral, request):
    """A guest counselled by an agency has no account, so there is no engagement to create:
    the status changes on the spot."""
    coordinator = request.getfixturevalue("coordinator")
    services.change_interest_status(referral, status=Interest.Status.IN_CONTACT, actor=coordinator)

    response = _as(client, coordinator).post(
        reverse("brokering:interest", args=[referral.pk]), {"status": "started"}
    )

    assert response.status_code == 302
    assert response.url == reverse("brokering:interest", args=[referral.pk])
    assert Interest.objects.get(pk=referral.pk).status == Interest.Status.STARTED
