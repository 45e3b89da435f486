from datetime import date
from decimal import Decimal

import pytest

from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.courses.models import Category, Completion
from ehrensache.engagements import programmes, services
from ehrensache.engagements.models import (
    Engagement,
    Programme,
    Rule,
    RuleKey,
    SeminarDay,
    TrainingRecord,
)
from ehrensache.recognition.models import RecognitionProfile
from tests.factories import EngagementFactory, HoursEntryFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 6, 15)


def _start(organization, volunteer, coordinator, **kwargs):
    kwargs.setdefault("start", date(2026, 9, 1))
    kwargs.setdefault("compulsory_schooling_completed", True)
    kwargs.setdefault("age_confirmed", True)
    return services.start_engagement(
        organization,
        volunteer=volunteer,
        role="Freiwillige",
        actor=coordinator,
        today=TODAY,
        **kwargs,
    )


def _completion(person, category, *, units, last_day):
    return Completion.objects.create(
        person=person,
        category=category,
        course_title="Kurs",
        provider_name="Anbieter",
        person_name=str(person),
        first_day=last_day,
        last_day=last_day,
        teaching_units=units,
        total_units=units,
    )


# --- FDaG ----------------------------------------------------------------------------------


def test_fdag_below_8_hours_a_week_rejected(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.FDAG,
            weekly_hours=Decimal("7.5"),
            end=date(2027, 8, 31),
        )

    assert "mindestens 8 Stunden" in str(exc.value)
    assert Engagement.objects.count() == 0


def test_fdag_shorter_than_6_months_rejected(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.FDAG,
            weekly_hours=Decimal("10"),
            end=date(2027, 2, 27),
        )

    assert "mindestens 6 Monate" in str(exc.value)


def test_fdag_8_hours_for_6_months_accepted(organization, volunteer, coordinator):
    engagement = _start(
        organization,
        volunteer,
        coordinator,
        programme=Programme.FDAG,
        weekly_hours=Decimal("8"),
        end=date(2027, 2, 28),
    )

    assert engagement.needs_agreement is True


def test_fdag_training_hours_shown_against_60(organization, volunteer, coordinator):
    engagement = EngagementFactory(
        volunteer=volunteer,
        organization=organization,
        programme=Programme.FDAG,
        weekly_hours=10,
        start=date(2026, 1, 1),
    )
    _completion(volunteer, Category.OTHER, units=Decimal("40"), last_day=date(2026, 3, 1))  # 30 h

    status = programmes.programme_status(engagement, today=TODAY)

    assert ("Fortbildung seit 01.01.2026", "30 von 60 Stunden") in status.lines
    assert "Im laufenden Dienstjahr fehlen noch 30 Stunden Fortbildung." in status.warnings


# --- FSJ / BFD -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "end, ok",
    [
        (date(2027, 2, 28), True),
        (date(2027, 2, 27), False),
        (date(2028, 8, 31), True),
        (date(2028, 9, 30), False),
    ],
)
def test_service_period_within_6_to_24_months(organization, volunteer, coordinator, end, ok):
    kwargs = {"programme": Programme.FSJ, "end": end, "extended_service_confirmed": True}
    if ok:
        _start(organization, volunteer, coordinator, **kwargs)
    else:
        with pytest.raises(InvalidInput):
            _start(organization, volunteer, coordinator, **kwargs)

    assert Engagement.objects.count() == int(ok)


@pytest.mark.parametrize(
    "programme, law",
    [(Programme.FSJ, "JFDG § 5 Abs. 1"), (Programme.BFD, "BFDG § 3 Abs. 2")],
)
def test_service_over_18_months_needs_the_coordinators_confirmation(
    organization, volunteer, coordinator, programme, law
):
    # 1.9.2026–31.3.2028 = 19 months: only with a special concept (FSJ) / exception (BFD).
    with pytest.raises(InvalidInput) as exc:
        _start(organization, volunteer, coordinator, programme=programme, end=date(2028, 3, 31))

    assert exc.value.field == "extended_service"
    assert law in str(exc.value)
    assert "19 Monate" in str(exc.value)
    assert Engagement.objects.count() == 0

    engagement = _start(
        organization,
        volunteer,
        coordinator,
        programme=programme,
        end=date(2028, 3, 31),
        extended_service_confirmed=True,
    )

    assert engagement.extended_service_confirmed_on == TODAY
    assert engagement.extended_service_confirmed_by == coordinator
    lines = dict(programmes.start_confirmations(engagement))
    assert (
        "bestätigt am 15.06.2026"
        in lines["Dauer über 18 Monate (besonderes Konzept bzw. Ausnahmefall)"]
    )


def test_service_of_18_months_needs_no_confirmation_and_stores_none(
    organization, volunteer, coordinator
):
    engagement = _start(
        organization,
        volunteer,
        coordinator,
        programme=Programme.BFD,
        end=date(2028, 2, 29),
        extended_service_confirmed=True,
    )

    assert engagement.extended_service_confirmed_on is None


def test_service_regular_maximum_follows_the_dated_rule(organization, volunteer, coordinator):
    Rule.objects.filter(key=RuleKey.SERVICE_REGULAR_MAX_MONTHS).update(value=20)

    engagement = _start(
        organization, volunteer, coordinator, programme=Programme.FSJ, end=date(2028, 3, 31)
    )

    assert engagement.extended_service_confirmed_on is None


def _born(person, day):
    RecognitionProfile.objects.create(person=person, birth_date=day)


FSJ_2027 = {"programme": Programme.FSJ, "end": date(2027, 8, 31)}


def test_fsj_without_age_confirmation_refused(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput) as exc:
        _start(organization, volunteer, coordinator, age_confirmed=False, **FSJ_2027)

    assert exc.value.field == "age_confirmed"
    assert "am ersten Tag (01.09.2026) jünger als 27 Jahre" in str(exc.value)
    assert Engagement.objects.count() == 0


def test_fsj_with_age_confirmation_starts_and_stores_both_confirmations(
    organization, volunteer, coordinator
):
    engagement = _start(organization, volunteer, coordinator, **FSJ_2027)

    engagement.refresh_from_db()
    assert engagement.programme == Programme.FSJ
    assert engagement.schooling_confirmed_on == TODAY
    assert engagement.schooling_confirmed_by == coordinator
    assert engagement.age_confirmed_on == TODAY
    assert engagement.age_confirmed_by == coordinator
    assert engagement.age_confirmed_under == 27


def test_bfd_stores_schooling_but_no_age_confirmation(organization, volunteer, coordinator):
    engagement = _start(
        organization, volunteer, coordinator, programme=Programme.BFD, end=date(2027, 8, 31)
    )

    assert engagement.schooling_confirmed_by == coordinator
    assert engagement.age_confirmed_on is None
    assert engagement.age_confirmed_under is None


def test_other_engagements_store_no_confirmations(organization, volunteer, coordinator):
    engagement = _start(organization, volunteer, coordinator)

    assert engagement.schooling_confirmed_on is None
    assert engagement.age_confirmed_on is None


def test_fsj_age_never_read_from_the_birth_date(organization, volunteer, coordinator):
    # Privacy: the check runs for a coordinator; a 60-year-old's confirmed FSJ is not refused
    # (the coordinator confirmed the age), and nothing about the age appears in the findings.
    _born(volunteer, date(1966, 1, 1))

    engagement = _start(organization, volunteer, coordinator, **FSJ_2027)
    status = programmes.programme_status(engagement, today=TODAY)

    assert programmes.check_programme(engagement, today=TODAY) == programmes.Findings()
    assert not any("Jahre alt" in w or "Geburtsdatum" in w for w in status.warnings)


def test_fsj_age_limit_follows_the_dated_rule(organization, volunteer, coordinator):
    Rule.objects.filter(key=RuleKey.FSJ_MAX_AGE).update(valid_to=date(2026, 12, 31))
    Rule.objects.create(
        key=RuleKey.FSJ_MAX_AGE, value=25, valid_from=date(2027, 1, 1), source="test"
    )

    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            start=date(2027, 9, 1),
            age_confirmed=False,
            programme=Programme.FSJ,
            end=date(2028, 8, 31),
        )
    engagement = _start(
        organization,
        volunteer,
        coordinator,
        start=date(2027, 9, 1),
        programme=Programme.FSJ,
        end=date(2028, 8, 31),
    )

    assert "jünger als 25 Jahre" in str(exc.value)
    assert engagement.age_confirmed_under == 25


def test_start_confirmations_lines(organization, volunteer, coordinator):
    engagement = _start(organization, volunteer, coordinator, **FSJ_2027)

    lines = programmes.start_confirmations(engagement)

    assert lines == [
        ("Schulpflicht erfüllt", f"bestätigt am 15.06.2026 von {coordinator}"),
        ("Am ersten Tag jünger als 27 Jahre", f"bestätigt am 15.06.2026 von {coordinator}"),
    ]


def test_start_confirmations_of_older_rows_say_not_confirmed(organization, volunteer):
    engagement = EngagementFactory(
        volunteer=volunteer, organization=organization, programme=Programme.FSJ
    )

    assert programmes.start_confirmations(engagement) == [
        ("Schulpflicht erfüllt", "nicht bestätigt"),
        ("Altersgrenze für das FSJ", "nicht bestätigt"),
    ]


def test_bfd_has_no_upper_age_limit(organization, volunteer, coordinator):
    _born(volunteer, date(1955, 3, 1))

    engagement = _start(
        organization, volunteer, coordinator, programme=Programme.BFD, end=date(2027, 8, 31)
    )

    assert programmes.check_programme(engagement, today=TODAY) == programmes.Findings()


@pytest.mark.parametrize("programme", [Programme.FSJ, Programme.BFD, Programme.FDAG])
def test_volunteer_services_need_compulsory_schooling_confirmed(
    organization, volunteer, coordinator, programme
):
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=programme,
            end=date(2027, 8, 31),
            weekly_hours=Decimal("39"),
            compulsory_schooling_completed=False,
        )

    assert "schulpflicht erfüllt hat" in str(exc.value).lower()
    assert exc.value.field == "compulsory_schooling"
    assert Engagement.objects.count() == 0


def test_other_engagements_need_no_schooling_confirmation(organization, volunteer, coordinator):
    engagement = _start(organization, volunteer, coordinator, compulsory_schooling_completed=False)

    assert engagement.programme == Programme.NONE


def test_service_without_end_rejected(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput):
        _start(organization, volunteer, coordinator, programme=Programme.BFD)


def test_part_time_service_needs_more_than_20_hours(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.FSJ,
            end=date(2027, 8, 31),
            weekly_hours=Decimal("20"),
        )

    assert "mehr als 20 Stunden" in str(exc.value)


def test_pocket_money_cap_of_its_year(organization, volunteer, coordinator):
    # 644 € is the 2025 cap; a 2025 service paying 650 € is refused, 644 € accepted.
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.FSJ,
            start=date(2025, 3, 1),
            end=date(2025, 12, 31),
            pocket_money_cents=65000,
        )
    ok = _start(
        organization,
        volunteer,
        coordinator,
        programme=Programme.FSJ,
        start=date(2025, 3, 1),
        end=date(2025, 12, 31),
        pocket_money_cents=64400,
    )

    assert "644,00 €" in str(exc.value)
    assert ok.pocket_money_cents == 64400


def test_pocket_money_above_2024_cap_refused(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.BFD,
            start=date(2024, 6, 1),
            end=date(2024, 12, 31),
            pocket_money_cents=62000,
        )

    assert "604,00 €" in str(exc.value)


@pytest.mark.parametrize("cents, ok", [(67600, True), (67601, False)])
def test_pocket_money_cap_2026_is_676_euro(organization, volunteer, coordinator, cents, ok):
    kwargs = {
        "programme": Programme.FSJ,
        "start": date(2026, 3, 1),
        "end": date(2026, 12, 31),
        "pocket_money_cents": cents,
    }
    if ok:
        _start(organization, volunteer, coordinator, **kwargs)
    else:
        with pytest.raises(InvalidInput) as exc:
            _start(organization, volunteer, coordinator, **kwargs)
        assert "676,00 €" in str(exc.value)

    assert Engagement.objects.count() == int(ok)


def test_pocket_money_across_new_year_checked_against_both_caps(
    organization, volunteer, coordinator
):
    # 660 € is within the 2026 cap (676 €) but above the 2025 cap (644 €).
    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.BFD,
            start=date(2025, 9, 1),
            end=date(2026, 8, 31),
            pocket_money_cents=66000,
        )

    assert "644,00 €" in str(exc.value)


def test_pocket_money_cap_of_a_year_not_yet_published_is_a_notice(
    organization, volunteer, coordinator
):
    # Today is 15.6.2026; the 2027 cap is not seeded yet: the start is not refused.
    engagement = _start(
        organization,
        volunteer,
        coordinator,
        programme=Programme.BFD,
        start=date(2026, 9, 1),
        end=date(2027, 8, 31),
        pocket_money_cents=60000,
    )

    findings = programmes.check_programme(engagement, today=TODAY)
    assert findings.problems == []
    assert findings.notices == [
        "Die Taschengeld-Obergrenze für 2027 ist noch nicht hinterlegt; geprüft wurde mit der "
        "letzten bekannten von 676,00 € (gültig ab 01.01.2026). Bitte prüfen Sie das "
        "Taschengeld, sobald das Netzwerk die neue Obergrenze eingetragen hat."
    ]


def test_start_in_a_year_without_cap_is_not_refused_even_after_new_year(
    organization, volunteer, coordinator
):
    # Today is 15.1.2027 and nobody has entered the 2027 cap yet: a start with pocket money
    # is checked against the last known cap (676 €), not refused for the missing row.
    engagement = services.start_engagement(
        organization,
        volunteer=volunteer,
        role="BFD",
        actor=coordinator,
        programme=Programme.BFD,
        start=date(2027, 2, 1),
        end=date(2028, 1, 31),
        pocket_money_cents=67000,
        compulsory_schooling_completed=True,
        today=date(2027, 1, 15),
    )

    findings = programmes.check_programme(engagement, today=date(2027, 1, 15))
    assert findings.problems == []
    assert [n[:46] for n in findings.notices] == [
        "Die Taschengeld-Obergrenze für 2027 ist noch n",
        "Die Taschengeld-Obergrenze für 2028 ist noch n",
    ]


def test_pocket_money_above_the_last_known_cap_refused_until_the_new_cap_exists(
    organization, volunteer, coordinator
):
    kwargs = {
        "programme": Programme.BFD,
        "start": date(2027, 1, 1),
        "end": date(2027, 12, 31),
        "pocket_money_cents": 69000,
    }
    with pytest.raises(InvalidInput) as exc:
        _start(organization, volunteer, coordinator, **kwargs)
    assert "676,00 €" in str(exc.value)

    Rule.objects.create(
        key=RuleKey.POCKET_MONEY_CAP, value=70000, valid_from=date(2027, 1, 1), source="test"
    )
    engagement = _start(organization, volunteer, coordinator, **kwargs)

    assert programmes.check_programme(engagement, today=TODAY) == programmes.Findings()


def test_pocket_money_cap_missing_for_a_past_year_refuses(organization, volunteer, coordinator):
    Rule.objects.filter(key=RuleKey.POCKET_MONEY_CAP, valid_from=date(2025, 1, 1)).delete()

    with pytest.raises(InvalidInput) as exc:
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.FSJ,
            start=date(2025, 3, 1),
            end=date(2025, 12, 31),
            pocket_money_cents=50000,
        )

    assert "keine Regel hinterlegt" in str(exc.value)


@pytest.mark.parametrize(
    "programme, end, due",
    [
        (Programme.FSJ, date(2027, 8, 31), 25),  # 12 months
        (Programme.BFD, date(2027, 8, 31), 25),
        (Programme.FSJ, date(2028, 2, 29), 31),  # 18 months: 25 + 6, not 38
        (Programme.BFD, date(2028, 2, 29), 31),
        (Programme.FSJ, date(2028, 8, 31), 37),  # 24 months
        (Programme.BFD, date(2027, 2, 28), 13),  # 6 months: 25 − 2 × 6 (BFDG § 4 Abs. 3)
        (Programme.BFD, date(2027, 5, 31), 19),  # 9 months: 25 − 2 × 3
        (Programme.FSJ, date(2027, 2, 28), 15),  # 6 months: three seminars of five days
        (Programme.FSJ, date(2027, 7, 31), 15),  # 11 months: the JFDG fixes no cut
    ],
)
def test_seminar_days_due(programme, end, due):
    engagement = EngagementFactory(programme=programme, start=date(2026, 9, 1), end=end)

    assert programmes.seminar_days_due(engagement) == due


def test_seminar_days_follow_the_dated_rules():
    Rule.objects.filter(key=RuleKey.BFD_EXTRA_SEMINAR_DAYS).update(value=2)
    engagement = EngagementFactory(
        programme=Programme.FSJ, start=date(2026, 9, 1), end=date(2028, 2, 29)
    )

    assert programmes.seminar_days_due(engagement) == 37


def test_bfd_over_27_takes_part_in_reasonable_extent_without_shortfall_warning(
    organization, volunteer, coordinator
):
    engagement = _start(
        organization,
        volunteer,
        coordinator,
        programme=Programme.BFD,
        start=date(2025, 6, 1),
        end=date(2026, 5, 31),
        bfd_over_27=True,
    )

    status = programmes.programme_status(engagement, today=TODAY)

    assert engagement.bfd_over_27 is True
    assert programmes.seminar_days_due(engagement) is None
    assert ("Seminartage fällig", "in angemessenem Umfang (BFDG § 4 Abs. 3)") in status.lines
    assert not any("Seminartage" in w for w in status.warnings)


def test_over_27_is_stored_for_bfd_only(organization, volunteer, coordinator):
    engagement = _start(
        organization,
        volunteer,
        coordinator,
        programme=Programme.FSJ,
        end=date(2027, 8, 31),
        bfd_over_27=True,
    )

    assert engagement.bfd_over_27 is False


def test_seminar_days_due_versus_attended_warns_after_end(coordinator, organization):
    engagement = EngagementFactory(
        organization=organization,
        programme=Programme.FSJ,
        start=date(2025, 6, 1),
        end=date(2026, 5, 31),
    )
    for day in range(1, 21):
        SeminarDay.objects.create(engagement=engagement, date=date(2025, 9, day), title="Seminar")

    status = programmes.programme_status(engagement, today=TODAY)

    assert ("Seminartage fällig", "25") in status.lines
    assert ("Seminartage besucht", "20") in status.lines
    assert "Es fehlen 5 Seminartage." in status.warnings


def test_seminar_day_only_for_services(engagement, coordinator):
    with pytest.raises(DomainError):
        services.record_seminar_day(
            engagement, date=TODAY, title="x", actor=coordinator, today=TODAY
        )


# --- Hospice -------------------------------------------------------------------------------


def test_hospice_start_blocked_before_the_course(organization, volunteer, coordinator):
    with pytest.raises(InvalidInput) as exc:
        _start(organization, volunteer, coordinator, programme=Programme.HOSPICE)

    assert "Befähigungskurs" in str(exc.value)
    assert Engagement.objects.count() == 0


def test_hospice_course_finished_after_start_still_blocks(organization, volunteer, coordinator):
    _completion(volunteer, Category.HOSPICE, units=Decimal("120"), last_day=date(2026, 10, 1))

    with pytest.raises(InvalidInput):
        _start(
            organization,
            volunteer,
            coordinator,
            programme=Programme.HOSPICE,
            start=date(2026, 9, 1),
        )


def test_hospice_start_after_platform_course(organization, volunteer, coordinator):
    _completion(volunteer, Category.HOSPICE, units=Decimal("120"), last_day=date(2026, 5, 30))

    engagement = _start(organization, volunteer, coordinator, programme=Programme.HOSPICE)

    assert engagement.programme == Programme.HOSPICE


def test_hospice_start_after_recorded_external_course(organization, volunteer, coordinator):
    EngagementFactory(volunteer=volunteer, organization=organization)  # known to the organization
    services.record_training(
        organization,
        person=volunteer,
        kind=TrainingRecord.Kind.HOSPICE_PREPARATION,
        title="Befähigungskurs Sterbebegleitung",
        provider="Hospizverein",
        completed_on=date(2026, 5, 1),
        teaching_units=Decimal("100"),
        actor=coordinator,
        today=TODAY,
    )

    engagement = _start(organization, volunteer, coordinator, programme=Programme.HOSPICE)

    assert engagement.pk is not None


def test_supervision_recorded(organization, volunteer, coordinator):
    engagement = EngagementFactory(
        organization=organization, volunteer=volunteer, programme=Programme.HOSPICE
    )

    services.record_supervision(
        engagement, date=date(2026, 6, 1), minutes=90, actor=coordinator, today=TODAY
    )

    status = programmes.programme_status(engagement, today=TODAY)
    assert ("Supervisionen", "1") in status.lines
    assert ("Letzte Supervision", "01.06.2026") in status.lines


# --- WIR-Lotsen ----------------------------------------------------------------------------


def test_wir_assignment_before_basic_qualification_refused(organization, volunteer):
    engagement = EngagementFactory(
        organization=organization, volunteer=volunteer, programme=Programme.WIR_LOTSE
    )
    _completion(volunteer, Category.INTEGRATION, units=Decimal("12"), last_day=date(2026, 2, 1))

    with pytest.raises(DomainError) as exc:
        services.log_hours(
            engagement,
            date=date(2026, 6, 1),
            minutes=60,
            activity="Begleitung",
            actor=volunteer,
            today=TODAY,
        )

    assert "12 von mindestens 20" in str(exc.value)


def test_wir_assignment_after_20_units_allowed(organization, volunteer):
    engagement = EngagementFactory(
        organization=organization, volunteer=volunteer, programme=Programme.WIR_LOTSE
    )
    _completion(volunteer, Category.INTEGRATION, units=Decimal("20"), last_day=date(2026, 2, 1))

    entry = services.log_hours(
        engagement,
        date=date(2026, 6, 1),
        minutes=60,
        activity="Begleitung",
        actor=volunteer,
        today=TODAY,
    )

    assert entry.pk is not None


def test_wir_allowance_summed_per_month(organization, volunteer):
    engagement = EngagementFactory(
        organization=organization, volunteer=volunteer, programme=Programme.WIR_LOTSE
    )
    _completion(volunteer, Category.INTEGRATION, units=Decimal("24"), last_day=date(2026, 2, 1))
    for day, minutes in [(date(2026, 3, 2), 90), (date(2026, 3, 20), 150), (date(2026, 4, 1), 60)]:
        services.log_hours(
            engagement,
            date=day,
            minutes=minutes,
            activity="Begleitung",
            actor=volunteer,
            today=TODAY,
        )

    assert programmes.wir_monthly_allowance(engagement) == [
        (date(2026, 3, 1), 240, 2000),
        (date(2026, 4, 1), 60, 500),
    ]


@pytest.mark.parametrize(
    "units, ok",
    [
        (Decimal("19.5"), False),
        (Decimal("20"), True),
        (Decimal("36"), True),
        (Decimal("37"), False),
    ],
)
def test_wir_recorded_basic_qualification_must_be_20_to_36_units(
    organization, volunteer, coordinator, units, ok
):
    EngagementFactory(organization=organization, volunteer=volunteer)

    def record():
        return services.record_training(
            organization,
            person=volunteer,
            kind=TrainingRecord.Kind.INTEGRATION_BASIC,
            title="Basis",
            provider="KVH",
            completed_on=date(2026, 5, 1),
            teaching_units=units,
            actor=coordinator,
            today=TODAY,
        )

    if ok:
        record()
    else:
        with pytest.raises(InvalidInput) as exc:
            record()
        assert "20 bis 36 Unterrichtseinheiten" in str(exc.value)
    assert TrainingRecord.objects.count() == int(ok)


def test_programme_records_in_the_future_refused(organization, volunteer, coordinator):
    service = EngagementFactory(
        organization=organization,
        volunteer=volunteer,
        programme=Programme.FSJ,
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
    )
    hospice = EngagementFactory(
        organization=organization, volunteer=volunteer, programme=Programme.HOSPICE
    )
    tomorrow = date(2026, 6, 16)

    with pytest.raises(InvalidInput):
        services.record_seminar_day(
            service, date=tomorrow, title="x", actor=coordinator, today=TODAY
        )
    with pytest.raises(InvalidInput):
        services.record_supervision(
            hospice, date=tomorrow, minutes=60, actor=coordinator, today=TODAY
        )
    with pytest.raises(InvalidInput):
        services.record_training(
            organization,
            person=volunteer,
            kind=TrainingRecord.Kind.FIRST_AID,
            title="EH",
            provider="DRK",
            completed_on=tomorrow,
            teaching_units=Decimal("9"),
            actor=coordinator,
            today=TODAY,
        )

    assert (SeminarDay.objects.count(), TrainingRecord.objects.count()) == (0, 0)
    assert hospice.supervision_meetings.count() == 0


@pytest.mark.parametrize("minutes", [0, -30, 24 * 60 + 1])
def test_supervision_with_impossible_duration_refused(organization, coordinator, minutes):
    hospice = EngagementFactory(organization=organization, programme=Programme.HOSPICE)

    with pytest.raises(InvalidInput) as exc:
        services.record_supervision(
            hospice, date=TODAY, minutes=minutes, actor=coordinator, today=TODAY
        )

    assert "zwischen 1 Minute und 24 Stunden" in str(exc.value)
    assert hospice.supervision_meetings.count() == 0


def test_training_only_for_people_known_to_the_organization(organization, coordinator):
    from tests.factories import UserFactory

    with pytest.raises(DomainError):
        services.record_training(
            organization,
            person=UserFactory(),
            kind=TrainingRecord.Kind.FIRST_AID,
            title="EH",
            provider="DRK",
            completed_on=date(2026, 5, 1),
            teaching_units=Decimal("9"),
            actor=coordinator,
            today=TODAY,
        )


def test_hours_entry_factory_uses_engagement_volunteer():
    entry = HoursEntryFactory()

    assert entry.logged_by == entry.engagement.volunteer
