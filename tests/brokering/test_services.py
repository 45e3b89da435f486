from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from ehrensache.brokering import services
from ehrensache.brokering.models import Conversation, FollowUp, Interest
from ehrensache.brokering.queries import monthly_counts
from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.opportunities.models import Opportunity
from tests.factories import OpportunityFactory, ProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN)
S = Interest.Status


def test_express_interest_twice_keeps_one_interest(opportunity, volunteer, coordinator, commit):
    with commit(execute=True):
        first, created_first = services.express_interest(
            opportunity, volunteer=volunteer, message="Ich helfe gern.", now=T0
        )

        second, created_second = services.express_interest(
            opportunity, volunteer=volunteer, message="Noch einmal", now=T0
        )

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Interest.objects.filter(opportunity=opportunity).count() == 1
    assert Interest.objects.get().message == "Ich helfe gern."
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_database_refuses_a_second_interest(opportunity, volunteer):
    services.express_interest(opportunity, volunteer=volunteer, now=T0)

    with pytest.raises(IntegrityError), transaction.atomic():
        Interest.objects.create(
            opportunity=opportunity,
            volunteer=volunteer,
            status=S.NEW,
            status_changed_at=T0,
            created_at=T0,
        )


def test_express_interest_refuses_unpublished_opportunity(organization, volunteer):
    draft = OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT)

    with pytest.raises(DomainError):
        services.express_interest(draft, volunteer=volunteer, now=T0)

    assert Interest.objects.count() == 0


def test_withdrawn_interest_is_opened_again(opportunity, volunteer):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)
    services.change_interest_status(interest, status=S.WITHDRAWN, actor=volunteer, now=T0)

    again, created = services.express_interest(opportunity, volunteer=volunteer, now=T0)

    assert (again.pk, again.status, created) == (interest.pk, S.NEW, True)
    assert list(again.history.values_list("status", flat=True)) == [S.NEW, S.WITHDRAWN, S.NEW]


def test_pipeline_records_history_and_mails_the_volunteer(
    opportunity, volunteer, coordinator, commit
):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)

    with commit(execute=True):
        services.change_interest_status(interest, status=S.IN_CONTACT, actor=coordinator, now=T0)
        services.change_interest_status(
            interest, status=S.MEETING_AGREED, actor=coordinator, now=T0 + timedelta(days=1)
        )
        services.change_interest_status(
            interest, status=S.STARTED, actor=coordinator, now=T0 + timedelta(days=8)
        )

    interest.refresh_from_db()
    assert interest.status == S.STARTED
    assert interest.status_changed_at == T0 + timedelta(days=8)
    assert list(interest.history.values_list("status", flat=True)) == [
        S.NEW,
        S.IN_CONTACT,
        S.MEETING_AGREED,
        S.STARTED,
    ]
    assert [m.to for m in mail.outbox] == [[volunteer.email]] * 3
    assert "Erstgespräch vereinbart" in mail.outbox[1].body


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], S.NEW),
        ([S.STARTED], S.IN_CONTACT),  # from "started" nothing goes
        ([S.DECLINED], S.IN_CONTACT),
        ([], S.WITHDRAWN),  # the coordinator cannot withdraw for the person
    ],
)
def test_coordinator_transitions_refused(opportunity, volunteer, coordinator, path, refused):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)
    for status in path:
        if status == S.STARTED:
            services.change_interest_status(interest, status=S.IN_CONTACT, actor=coordinator)
        services.change_interest_status(interest, status=status, actor=coordinator, reason="x")
    before = Interest.objects.get(pk=interest.pk).status

    with pytest.raises(DomainError) as exc:
        services.change_interest_status(interest, status=refused, actor=coordinator, reason="x")

    assert exc.value.code == "transition_refused"
    assert Interest.objects.get(pk=interest.pk).status == before


def test_volunteer_may_only_withdraw(opportunity, volunteer):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)

    with pytest.raises(DomainError):
        services.change_interest_status(interest, status=S.STARTED, actor=volunteer)
    services.change_interest_status(interest, status=S.WITHDRAWN, actor=volunteer)

    assert Interest.objects.get(pk=interest.pk).status == S.WITHDRAWN


def test_decline_needs_a_reason(opportunity, volunteer, coordinator):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)

    with pytest.raises(InvalidInput) as exc:
        services.change_interest_status(interest, status=S.DECLINED, actor=coordinator)
    services.change_interest_status(
        interest, status=S.DECLINED, actor=coordinator, reason="Die Gruppe ist voll."
    )

    assert exc.value.field == "reason"
    interest.refresh_from_db()
    assert (interest.status, interest.decline_reason) == (S.DECLINED, "Die Gruppe ist voll.")


def test_others_cannot_change_status(opportunity, volunteer, other_coordinator, other_volunteer):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)

    for outsider in (other_coordinator, other_volunteer):
        with pytest.raises(NotFound):
            services.change_interest_status(interest, status=S.IN_CONTACT, actor=outsider)

    assert Interest.objects.get(pk=interest.pk).status == S.NEW


def test_coordinator_reminded_on_day_seven_once(opportunity, volunteer, coordinator, commit):
    services.express_interest(opportunity, volunteer=volunteer, now=T0)

    with commit(execute=True):
        day6 = services.remind_unanswered_interests(now=T0 + timedelta(days=6, hours=23))
        day7 = services.remind_unanswered_interests(now=T0 + timedelta(days=7))
        day8 = services.remind_unanswered_interests(now=T0 + timedelta(days=8))

    assert (day6, day7, day8) == (0, 1, 0)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Erinnerung" in mail.outbox[0].subject


def test_answered_interest_is_not_reminded(opportunity, volunteer, coordinator):
    interest, _ = services.express_interest(opportunity, volunteer=volunteer, now=T0)
    services.change_interest_status(
        interest, status=S.IN_CONTACT, actor=coordinator, now=T0 + timedelta(days=2)
    )

    assert services.remind_unanswered_interests(now=T0 + timedelta(days=10)) == 0
    assert services.inform_waiting_volunteers(now=T0 + timedelta(days=20)) == 0


def test_volunteer_told_on_day_fourteen_with_similar_offers(organization, volunteer, commit):
    waiting = OpportunityFactory(organization=organization, title="Lesepaten Marburg")
    similar = OpportunityFactory(organization=organization, title="Mathe-Nachhilfe Marburg")
    OpportunityFactory(organization=organization, title="Fußballtraining", field="sport")
    services.express_interest(waiting, volunteer=volunteer, now=T0)

    with commit(execute=True):
        day13 = services.inform_waiting_volunteers(now=T0 + timedelta(days=13))
        day14 = services.inform_waiting_volunteers(now=T0 + timedelta(days=14))
        again = services.inform_waiting_volunteers(now=T0 + timedelta(days=15))

    assert (day13, day14, again) == (0, 1, 0)
    assert mail.outbox[0].to == [volunteer.email]
    assert similar.title in mail.outbox[0].body
    assert "Fußballtraining" not in mail.outbox[0].body


def test_profile_consent_is_off_by_default_and_timestamped(volunteer):
    data = {
        "interests": ["sport"],
        "weekdays": ["sa"],
        "times_of_day": [],
        "hours_per_week": 2,
        "postal_code": "35037",
        "travel_km": 10,
        "languages": ["Deutsch"],
        "skills": "",
        "accessibility_needs": "",
    }

    quiet = services.update_profile(volunteer, findable=False, now=T0, **data)
    assert (quiet.findable, quiet.findable_since) == (False, None)
    found = services.update_profile(volunteer, findable=True, now=T0, **data)
    kept = services.update_profile(volunteer, findable=True, now=T0 + timedelta(days=3), **data)

    assert found.findable_since == T0
    assert kept.findable_since == T0
    assert kept.latitude is not None


def test_profile_unknown_postal_code_is_refused(volunteer):
    with pytest.raises(InvalidInput) as exc:
        services.update_profile(
            volunteer,
            interests=[],
            weekdays=[],
            times_of_day=[],
            hours_per_week=None,
            postal_code="00000",
            travel_km=10,
            languages=[],
            skills="",
            accessibility_needs="",
            findable=False,
        )

    assert exc.value.field == "postal_code"


def test_invite_only_findable_people_once(opportunity, coordinator, volunteer, commit):
    profile = ProfileFactory(user=volunteer)
    with pytest.raises(NotFound):
        services.invite_volunteer(opportunity, volunteer=volunteer, actor=coordinator)

    profile.findable, profile.findable_since = True, T0
    profile.save()
    with commit(execute=True):
        services.invite_volunteer(
            opportunity, volunteer=volunteer, actor=coordinator, message="Hallo"
        )
    with pytest.raises(DomainError):
        services.invite_volunteer(opportunity, volunteer=volunteer, actor=coordinator)

    assert [m.to for m in mail.outbox] == [[volunteer.email]]


def _guest_conversation(agency, staff, **kwargs):
    return services.record_conversation(
        agency,
        actor=staff,
        held_on=date(2026, 3, 2),
        guest_name="Gerda Gast",
        guest_postal_code="35037",
        consent=True,
        interests=["bildung"],
        now=T0,
        **kwargs,
    )


def test_conversation_needs_consent_and_staff(agency, agency_staff, other_agency_staff):
    with pytest.raises(InvalidInput):
        services.record_conversation(
            agency, actor=agency_staff, held_on=date(2026, 3, 2), guest_name="X", consent=False
        )
    with pytest.raises(Forbidden):  # the agency is public; its counselling records are not
        _guest_conversation(agency, other_agency_staff)

    conversation = _guest_conversation(agency, agency_staff)

    assert Conversation.objects.count() == 1
    assert conversation.consent_recorded_at == T0


def test_referral_reaches_inbox_marked_and_follow_up_after_six_weeks(
    agency, agency_staff, opportunity, coordinator, commit
):
    conversation = _guest_conversation(agency, agency_staff)

    with commit(execute=True):
        referral = services.refer_to_opportunity(
            conversation, opportunity=opportunity, actor=agency_staff, now=T0
        )
    with pytest.raises(DomainError):
        services.refer_to_opportunity(
            conversation, opportunity=opportunity, actor=agency_staff, now=T0
        )

    assert referral.agency == agency
    assert "vermittelt durch" in mail.outbox[0].subject
    assert services.create_due_follow_ups(now=T0 + timedelta(days=41)) == 0
    assert services.create_due_follow_ups(now=T0 + timedelta(weeks=6)) == 1
    assert services.create_due_follow_ups(now=T0 + timedelta(weeks=7)) == 0
    follow_up = FollowUp.objects.get()
    assert (follow_up.agency, follow_up.due_on) == (agency, date(2026, 4, 13))
    services.answer_follow_up(
        follow_up, actor=agency_staff, answer=FollowUp.Answer.STARTED, note="Läuft", now=T0
    )
    follow_up.refresh_from_db()
    assert (follow_up.answer, follow_up.answered_at) == ("started", T0)


def test_referral_status_change_mails_the_referring_staff(
    agency, agency_staff, opportunity, coordinator, commit
):
    conversation = _guest_conversation(agency, agency_staff)
    referral = services.refer_to_opportunity(
        conversation, opportunity=opportunity, actor=agency_staff, now=T0
    )

    with commit(execute=True):
        services.change_interest_status(referral, status=S.IN_CONTACT, actor=coordinator)

    assert [m.to for m in mail.outbox] == [[agency_staff.email]]


def test_monthly_counts(agency, agency_staff, opportunity, coordinator, organization):
    conversation = _guest_conversation(agency, agency_staff)
    second = OpportunityFactory(organization=organization)
    referral = services.refer_to_opportunity(
        conversation, opportunity=opportunity, actor=agency_staff, now=T0
    )
    services.refer_to_opportunity(
        conversation, opportunity=second, actor=agency_staff, now=T0 + timedelta(days=31)
    )
    services.change_interest_status(
        referral, status=S.IN_CONTACT, actor=coordinator, now=T0 + timedelta(days=1)
    )
    services.change_interest_status(
        referral, status=S.STARTED, actor=coordinator, now=T0 + timedelta(days=35)
    )

    rows = monthly_counts(agency.pk, since=date(2026, 2, 1), until=date(2026, 4, 30))

    assert rows == [
        {"month": date(2026, 2, 1), "conversations": 0, "referrals": 0, "starts": 0},
        {"month": date(2026, 3, 1), "conversations": 1, "referrals": 1, "starts": 0},
        {"month": date(2026, 4, 1), "conversations": 0, "referrals": 1, "starts": 1},
    ]
