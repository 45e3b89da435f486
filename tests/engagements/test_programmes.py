from datetime import date
from decimal import Decimal

import pytest

from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.courses.models import Category, Completion
from ehrensache.engagements import programmes, services
from ehrensache.engagements.models import Engagement, Programme, SeminarDay, TrainingRecord
from tests.engagements.factories import EngagementFactory, HoursEntryFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 6, 15)


def _start(organization, volunteer, coordinator, **kwargs):
    kwargs.setdefault("start", date(2026, 9, 1))
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
    if ok:
        _start(organization, volunteer, coordinator, programme=Programme.FSJ, end=end)
    else:
        with pytest.raises(InvalidInput):
            _start(organization, volunteer, coordinator, programme=Programme.FSJ, end=end)

    assert Engagement.objects.count() == int(ok)


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


@pytest.mark.parametrize(
    "programme, end, due",
    [
        (Programme.FSJ, date(2027, 8, 31), 25),
        (Programme.BFD, date(2027, 8, 31), 25),
        (Programme.BFD, date(2028, 2, 29), 31),
        (Programme.FSJ, date(2027, 2, 28), 13),
    ],
)
def test_seminar_days_due(programme, end, due):
    engagement = EngagementFactory(programme=programme, start=date(2026, 9, 1), end=end)

    assert programmes.seminar_days_due(engagement) == due


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


def test_wir_recorded_basic_qualification_must_be_20_to_36_units(
    organization, volunteer, coordinator
):
    EngagementFactory(organization=organization, volunteer=volunteer)

    with pytest.raises(InvalidInput):
        services.record_training(
            organization,
            person=volunteer,
            kind=TrainingRecord.Kind.INTEGRATION_BASIC,
            title="Basis",
            provider="KVH",
            completed_on=date(2026, 5, 1),
            teaching_units=Decimal("40"),
            actor=coordinator,
            today=TODAY,
        )


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
