import datetime as dt

import pytest

from ehrensache.core.errors import InvalidInput
from ehrensache.recognition import eligibility, services
from ehrensache.recognition.models import Card, ECardRule, JuleicaRule
from tests.factories import EngagementFactory, UserFactory

from .factories import completion, external_training, profile, weekly_hours

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2026, 10, 1)


def test_ecard_eligibility_differs_between_two_issuers():
    engagement = EngagementFactory(start=dt.date(2024, 7, 1))  # 27 months before DAY
    weekly_hours(engagement, start=dt.date(2024, 7, 1), weeks=117, minutes_per_week=6 * 60)
    profile(engagement.volunteer)
    marburg = ECardRule.valid_on(DAY, district_key="06534")  # 2 years
    kassel = ECardRule.valid_on(DAY, district_key="06611")  # 3 years

    in_marburg = eligibility.ecard_eligibility(engagement.volunteer, marburg, DAY)
    in_kassel = eligibility.ecard_eligibility(engagement.volunteer, kassel, DAY)

    assert (in_marburg.eligible, in_kassel.eligible) == (True, False)
    assert in_kassel.reasons == ["noch 9 Monate bis 3 Jahre Engagement"]


def test_ecard_reason_says_months_missing():
    engagement = EngagementFactory(start=dt.date(2025, 1, 1))  # 21 months
    weekly_hours(engagement, start=dt.date(2025, 1, 1), weeks=91, minutes_per_week=6 * 60)
    profile(engagement.volunteer)
    rule = ECardRule.valid_on(DAY, district_key="06534")

    result = eligibility.ecard_eligibility(engagement.volunteer, rule, DAY)

    assert result.reasons == ["noch 3 Monate bis 2 Jahre Engagement"]


def test_ecard_counts_only_verified_hours():
    engagement = EngagementFactory(start=dt.date(2024, 1, 1))
    weekly_hours(engagement, start=dt.date(2024, 10, 1), weeks=52, minutes_per_week=6 * 60)
    engagement.hours_entries.update(verified_at=None)
    profile(engagement.volunteer)
    rule = ECardRule.valid_on(DAY, district_key="06534")

    result = eligibility.ecard_eligibility(engagement.volunteer, rule, DAY)

    assert result.reasons == ["im Schnitt 0 statt mindestens 5 Stunden pro Woche"]


@pytest.mark.parametrize("minutes_per_week, eligible", [(5 * 60, True), (5 * 60 - 10, False)])
def test_ecard_needs_5_hours_a_week_on_average(minutes_per_week, eligible):
    # Marburg-Biedenkopf: 2 years; 105 weekly entries from 1.10.2024 cover the window.
    engagement = EngagementFactory(start=dt.date(2024, 1, 1))
    weekly_hours(
        engagement, start=dt.date(2024, 10, 1), weeks=105, minutes_per_week=minutes_per_week
    )
    profile(engagement.volunteer)
    rule = ECardRule.valid_on(DAY, district_key="06534")

    result = eligibility.ecard_eligibility(engagement.volunteer, rule, DAY)

    assert result.eligible is eligible


def test_ecard_issuer_without_flat_allowance_refuses_a_paid_allowance():
    from ehrensache.engagements.models import AllowancePayment

    engagement = EngagementFactory(start=dt.date(2024, 1, 1))
    weekly_hours(engagement, start=dt.date(2024, 10, 1), weeks=105, minutes_per_week=6 * 60)
    profile(engagement.volunteer)
    rule = ECardRule.valid_on(DAY, district_key="06534")
    assert eligibility.ecard_eligibility(engagement.volunteer, rule, DAY).eligible

    AllowancePayment.objects.create(
        engagement=engagement,
        kind="ehrenamt",
        activity="Kasse",
        amount_cents=30000,
        paid_on=dt.date(2026, 3, 1),
        year=2026,
        legal_basis="§ 3 Nr. 26a EStG",
    )
    assert eligibility.ecard_eligibility(engagement.volunteer, rule, DAY).eligible  # not set

    ECardRule.objects.filter(pk=rule.pk).update(no_flat_allowance=True)
    rule.refresh_from_db()
    result = eligibility.ecard_eligibility(engagement.volunteer, rule, DAY)

    assert result.eligible is False
    assert (
        "pauschale Aufwandsentschädigung (Ehrenamtspauschale (§ 3 Nr. 26a EStG))"
        in (result.reasons[0])
    )


def test_ecard_issuer_accepting_juleica_waives_hours_and_years_not_age():
    person = UserFactory()
    profile(person)
    Card.objects.create(
        person=person,
        kind=Card.Kind.JULEICA,
        issued_on=dt.date(2025, 5, 1),
        expires_on=dt.date(2028, 4, 30),
    )
    rule = ECardRule.valid_on(DAY, district_key="06534")
    assert eligibility.ecard_eligibility(person, rule, DAY).eligible is False

    ECardRule.objects.filter(pk=rule.pk).update(juleica_exempt=True)
    rule.refresh_from_db()
    result = eligibility.ecard_eligibility(person, rule, DAY)

    assert result.eligible is True
    assert result.facts[0].startswith("Gültige Juleica bis 30.04.2028")

    profile(person, birth_date=dt.date(2010, 1, 1))
    assert eligibility.ecard_eligibility(person, rule, DAY).eligible is False


def test_ecard_refuses_below_minimum_age():
    engagement = EngagementFactory(start=dt.date(2023, 1, 1))
    weekly_hours(engagement, start=dt.date(2024, 10, 1), weeks=105, minutes_per_week=6 * 60)
    profile(engagement.volunteer, birth_date=dt.date(2009, 3, 1))
    rule = ECardRule.valid_on(DAY, district_key="06534")

    result = eligibility.ecard_eligibility(engagement.volunteer, rule, DAY)

    assert result.reasons == ["Mindestalter 18 Jahre: erst ab dem 01.03.2027."]


def test_ecard_rule_is_chosen_by_district_of_residence():
    person = UserFactory()
    profile(person, district_key="06611")

    assert eligibility.ecard_rule_for(person, DAY).issuer_name == "Stadt Kassel"


def test_kompetenznachweis_needs_80_hours_in_the_year():
    engagement = EngagementFactory(start=dt.date(2025, 1, 1))
    weekly_hours(engagement, start=dt.date(2025, 1, 6), weeks=19, minutes_per_week=4 * 60)  # 76 h

    before = eligibility.kompetenz_eligibility(engagement.volunteer, 2025)
    weekly_hours(engagement, start=dt.date(2025, 9, 1), weeks=1, minutes_per_week=4 * 60)  # 80 h
    after = eligibility.kompetenz_eligibility(engagement.volunteer, 2025)

    assert before.reasons == ["noch 4 Stunden bis 80 Stunden im Jahr 2025"]
    assert after.eligible is True


def test_competences_section_lists_engagement_and_courses():
    engagement = EngagementFactory(start=dt.date(2025, 1, 1), role="Lesepatin")
    completion(engagement.volunteer, category="first_aid", units=9, day=dt.date(2025, 4, 1))

    section = eligibility.competences(engagement.volunteer, 2025)

    assert [e["role"] for e in section["engagements"]] == ["Lesepatin"]
    assert [c.category for c in section["courses"]] == ["first_aid"]


def test_juleica_needs_40_hours_first_aid_and_age_16():
    person = UserFactory()
    profile(person, birth_date=dt.date(2009, 1, 1))
    completion(person, category="juleica", units=40, day=dt.date(2026, 3, 1))  # 30 h

    short = eligibility.juleica_status(person, DAY)
    external_training(person, kind="juleica", units=14, day=dt.date(2026, 5, 1))  # +10.5 h
    no_first_aid = eligibility.juleica_status(person, DAY)
    external_training(person, kind="first_aid", units=9, day=dt.date(2026, 6, 1))
    complete = eligibility.juleica_status(person, DAY)

    assert short.reasons == [
        "noch 10 Stunden Ausbildung bis 40 Stunden",
        "ein Erste-Hilfe-Nachweis fehlt",
    ]
    assert no_first_aid.reasons == ["ein Erste-Hilfe-Nachweis fehlt"]
    assert complete.eligible is True


def test_juleica_training_must_fall_within_18_months():
    person = UserFactory()
    profile(person, birth_date=dt.date(2000, 1, 1))
    external_training(person, kind="first_aid", units=9, day=dt.date(2026, 6, 1))
    completion(person, category="juleica", units=28, day=dt.date(2024, 1, 10))  # 21 h
    completion(
        person, category="juleica", units=28, day=dt.date(2026, 1, 10)
    )  # 21 h, 24 months later

    result = eligibility.juleica_status(person, DAY)

    assert result.eligible is False


def test_juleica_refused_under_16():
    person = UserFactory()
    profile(person, birth_date=dt.date(2011, 1, 1))
    completion(person, category="juleica", units=60, day=dt.date(2026, 3, 1))
    completion(person, category="first_aid", units=9, day=dt.date(2026, 3, 2))

    result = eligibility.juleica_status(person, DAY)

    assert result.reasons == ["Mindestalter 16 Jahre: erst ab dem 01.01.2027."]


def test_juleica_expires_after_three_years():
    person = UserFactory()

    card = services.record_card(
        person, kind="juleica", issued_on=dt.date(2026, 3, 1), actor=person, today=DAY
    )

    assert card.expires_on == dt.date(2029, 2, 28)
    assert eligibility.current_card(person, "juleica", dt.date(2029, 2, 28)).expires_on >= dt.date(
        2029, 2, 28
    )
    assert eligibility.current_card(person, "juleica", dt.date(2029, 3, 1)).expires_on < dt.date(
        2029, 3, 1
    )


def test_juleica_validity_follows_dated_rule():
    JuleicaRule.objects.create(
        valid_from=dt.date(2026, 1, 1),
        min_training_hours=40,
        training_window_months=18,
        min_age=16,
        validity_years=2,
        refresher_hours=8,
    )
    person = UserFactory()

    card = services.record_card(
        person, kind="juleica", issued_on=dt.date(2026, 3, 1), actor=person, today=DAY
    )

    assert card.expires_on == dt.date(2028, 2, 29)


def test_juleica_renewal_needs_8_hours_refresher():
    person = UserFactory()
    card = services.record_card(
        person, kind="juleica", issued_on=dt.date(2026, 3, 1), actor=person, today=DAY
    )
    completion(person, category="juleica_refresher", units=8, day=dt.date(2026, 9, 1))  # 6 h

    before = eligibility.juleica_renewable(person, card, DAY)
    external_training(person, kind="juleica_refresher", units=3, day=dt.date(2026, 9, 2))  # +2.25 h
    after = eligibility.juleica_renewable(person, card, DAY)

    assert (before, after) == (False, True)


def test_a_juleica_holder_is_not_told_training_is_missing():
    """The card may predate the training recorded here: with a valid card the page speaks of
    the renewal only; an expired one needs the refresher hours."""
    person = UserFactory()
    card = services.record_card(
        person, kind="juleica", issued_on=dt.date(2025, 3, 1), actor=person, today=DAY
    )

    holder = eligibility.juleica_status(person, DAY)
    expired = eligibility.juleica_status(person, card.expires_on + dt.timedelta(days=1))

    assert (holder.eligible, holder.reasons) == (True, [])
    assert not any("Ausbildung" in fact for fact in holder.facts)
    assert "Für die Verlängerung fehlen noch 8 Stunden Fortbildung." in holder.facts
    assert expired.reasons == ["noch 8 Stunden Fortbildung für die Verlängerung"]


def test_ecard_validity_comes_from_the_issuer():
    person = UserFactory()
    profile(person, district_key="06611")

    card = services.record_card(
        person, kind="ecard", issued_on=dt.date(2026, 3, 1), actor=person, today=DAY
    )

    assert (card.issuer, card.expires_on) == ("Stadt Kassel", dt.date(2029, 2, 28))


@pytest.mark.parametrize("issued", [dt.date(2026, 12, 1), dt.date(2020, 1, 1)])
def test_card_issued_in_future_or_expired_is_refused(issued):
    person = UserFactory()

    with pytest.raises(InvalidInput):
        services.record_card(person, kind="juleica", issued_on=issued, actor=person, today=DAY)

    assert Card.objects.count() == 0


def test_card_reminder_goes_out_once_before_expiry(django_capture_on_commit_callbacks):
    from django.core import mail

    person = UserFactory()
    card = services.record_card(
        person, kind="juleica", issued_on=dt.date(2024, 1, 1), actor=person, today=DAY
    )

    with django_capture_on_commit_callbacks(execute=True):
        too_early = services.send_card_expiry_reminders(
            today=card.expires_on - dt.timedelta(days=61)
        )
        due = services.send_card_expiry_reminders(today=card.expires_on - dt.timedelta(days=60))
        again = services.send_card_expiry_reminders(today=card.expires_on - dt.timedelta(days=59))

    assert (too_early, due, again) == (0, 1, 0)
    assert [m.to for m in mail.outbox] == [[person.email]]


@pytest.mark.parametrize("birth", [dt.date(2030, 1, 1), dt.date(1800, 1, 1)])
def test_profile_refuses_impossible_birth_date(birth):
    person = UserFactory()

    with pytest.raises(InvalidInput):
        services.update_recognition_profile(person, birth_date=birth, district=None, today=DAY)
