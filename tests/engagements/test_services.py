from datetime import date

import pytest
from django.core import mail

from ehrensache.brokering.models import Interest
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.engagements import services
from ehrensache.engagements.dated import MissingRule, rule_value
from ehrensache.engagements.models import (
    AllowancePayment,
    Engagement,
    HoursEntry,
    OnboardingCheck,
    Programme,
    RecordCheck,
    RecordCheckDeletion,
    Rule,
    RuleKey,
)
from tests.factories import (
    EngagementFactory,
    HoursEntryFactory,
    OpportunityFactory,
    OrganizationFactory,
    RecordCheckFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 6, 15)


# --- dated rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, day, value",
    [
        (RuleKey.EHRENAMT_LIMIT, date(2025, 12, 31), 84000),
        (RuleKey.EHRENAMT_LIMIT, date(2026, 1, 1), 96000),
        (RuleKey.UEBUNGSLEITER_LIMIT, date(2025, 6, 1), 300000),
        (RuleKey.UEBUNGSLEITER_LIMIT, date(2026, 6, 1), 330000),
        (RuleKey.POCKET_MONEY_CAP, date(2024, 5, 29), 60400),
        (RuleKey.POCKET_MONEY_CAP, date(2025, 3, 1), 64400),
        (RuleKey.SEMINAR_DAYS_PER_12_MONTHS, date(2025, 3, 1), 25),
        (RuleKey.FDAG_MIN_WEEKLY_HOURS, date(2025, 3, 1), 8),
        (RuleKey.WIR_HOURLY_ALLOWANCE, date(2025, 3, 1), 500),
        (RuleKey.RECORD_CHECK_MAX_AGE_MONTHS, date(2025, 3, 1), 3),
        (RuleKey.RECORD_CHECK_INTERVAL_YEARS, date(2025, 3, 1), 5),
    ],
)
def test_seeded_rules_match_domain(key, day, value):
    assert rule_value(key, on=day) == value


def test_rule_missing_for_day_is_refused_with_message():
    with pytest.raises(MissingRule) as exc:
        rule_value(RuleKey.POCKET_MONEY_CAP, on=date(2024, 5, 28))

    assert "keine Regel" in str(exc.value)


def test_edited_rule_changes_the_check_without_code():
    Rule.objects.filter(key=RuleKey.EHRENAMT_LIMIT, valid_from=date(2026, 1, 1)).update(
        valid_to=date(2026, 12, 31)
    )
    Rule.objects.create(
        key=RuleKey.EHRENAMT_LIMIT, value=100000, valid_from=date(2027, 1, 1), source="test"
    )

    assert rule_value(RuleKey.EHRENAMT_LIMIT, on=date(2027, 2, 1)) == 100000


@pytest.mark.parametrize(
    "key, cited",
    [
        (RuleKey.RECORD_CHECK_RETENTION_MONTHS, "§ 72a Abs. 5 SGB VIII"),
        (RuleKey.RECORD_CHECK_MAX_AGE_MONTHS, "Praxis"),
        (RuleKey.RECORD_CHECK_INTERVAL_YEARS, "Praxis"),
        (RuleKey.FDAG_MIN_WEEKLY_HOURS, "§ 2 Abs. 1a SGB VII"),
        (RuleKey.FDAG_MIN_MONTHS, "§ 2 Abs. 1a SGB VII"),
        (RuleKey.FDAG_MIN_TRAINING_HOURS, "Praxis"),
        (RuleKey.SEMINAR_DAYS_PER_12_MONTHS, "JFDG § 5 Abs. 2"),
        (RuleKey.BFD_EXTRA_SEMINAR_DAYS, "JFDG § 5 Abs. 2 Satz 4"),
        (RuleKey.BFD_FEWER_SEMINAR_DAYS, "BFDG § 4 Abs. 3 Satz 5"),
        (RuleKey.FSJ_MIN_SEMINAR_DAYS, "JFDG § 5 Abs. 2 Satz 2"),
        (RuleKey.SERVICE_REGULAR_MAX_MONTHS, "BFDG § 3 Abs. 2"),
    ],
)
def test_rule_sources_cite_the_statute_or_say_practice(key, cited):
    sources = set(Rule.objects.filter(key=key).values_list("source", flat=True))

    assert sources
    assert all(cited in source for source in sources)


# --- start ---------------------------------------------------------------------------------


def test_start_engagement_copies_checklist_and_is_active(volunteer, organization, coordinator):
    services.default_onboarding_template(organization)

    engagement = services.start_engagement(
        organization,
        volunteer=volunteer,
        role="Lesepatin",
        start=TODAY,
        actor=coordinator,
        today=TODAY,
    )

    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.coordinator == coordinator
    assert list(engagement.onboarding_checks.values_list("title", flat=True)) == [
        "Begrüßungsgespräch",
        "Engagementvereinbarung",
        "Informationen zum Versicherungsschutz",
        "Hinweise zum Datenschutz und zur Schweigepflicht",
        "Vorstellung im Team",
        "Erste-Hilfe-Kurs",
    ]


def test_start_in_future_is_planned(volunteer, organization, coordinator):
    engagement = services.start_engagement(
        organization,
        volunteer=volunteer,
        role="x",
        start=date(2026, 7, 1),
        actor=coordinator,
        today=TODAY,
    )

    assert engagement.status == Engagement.Status.PLANNED


def test_start_from_interest_links_it_and_moves_pipeline(volunteer, organization, coordinator):
    opportunity = OpportunityFactory(organization=organization, title="Vorlesen in der Kita")
    interest = Interest.objects.create(
        opportunity=opportunity,
        volunteer=volunteer,
        status=Interest.Status.MEETING_AGREED,
        status_changed_at="2026-06-01T10:00:00+02:00",
        created_at="2026-06-01T10:00:00+02:00",
    )

    engagement = services.start_engagement(
        organization,
        volunteer=None,
        interest=interest,
        role="",
        start=TODAY,
        actor=coordinator,
        today=TODAY,
    )

    interest.refresh_from_db()
    assert (engagement.interest, engagement.volunteer, engagement.opportunity) == (
        interest,
        volunteer,
        opportunity,
    )
    assert engagement.role == "Vorlesen in der Kita"
    assert interest.status == Interest.Status.STARTED


def test_start_from_same_interest_twice_gives_the_existing_engagement(
    volunteer, organization, coordinator
):
    opportunity = OpportunityFactory(organization=organization)
    interest = Interest.objects.create(
        opportunity=opportunity,
        volunteer=volunteer,
        status=Interest.Status.STARTED,
        status_changed_at="2026-06-01T10:00:00+02:00",
        created_at="2026-06-01T10:00:00+02:00",
    )

    def submit():
        return services.start_engagement(
            organization,
            volunteer=None,
            interest=interest,
            role="x",
            start=TODAY,
            actor=coordinator,
            today=TODAY,
        )

    first, second = submit(), submit()

    assert second == first
    assert Engagement.objects.count() == 1
    assert OnboardingCheck.objects.filter(engagement=first).count() == len(
        services.DEFAULT_ONBOARDING_STEPS
    )


def test_double_submit_of_a_direct_start_gives_one_engagement(volunteer, organization, coordinator):
    def submit(role="Lesepatin"):
        return services.start_engagement(
            organization, volunteer=volunteer, role=role, start=TODAY, actor=coordinator
        )

    first, second = submit(), submit()
    other_role = submit(role="Hausaufgabenhilfe")

    assert second == first
    assert other_role != first
    assert Engagement.objects.filter(volunteer=volunteer).count() == 2


def test_a_new_start_after_not_started_is_a_new_engagement(volunteer, organization, coordinator):
    def submit():
        return services.start_engagement(
            organization, volunteer=volunteer, role="Lesepatin", start=TODAY, actor=coordinator
        )

    first = submit()
    services.mark_not_started(first, actor=coordinator)

    assert submit() != first


@pytest.mark.parametrize("who", ["volunteer", "agency_staff", "network_staff", "other_coordinator"])
def test_only_coordinators_of_the_organization_start(who, request, volunteer, organization):
    actor = request.getfixturevalue(who)

    with pytest.raises(DomainError):
        services.start_engagement(
            organization, volunteer=volunteer, role="x", start=TODAY, actor=actor
        )

    assert Engagement.objects.count() == 0


def test_end_before_start_refused(volunteer, organization, coordinator):
    with pytest.raises(InvalidInput):
        services.start_engagement(
            organization,
            volunteer=volunteer,
            role="x",
            start=TODAY,
            end=date(2026, 1, 1),
            actor=coordinator,
        )


# --- onboarding ----------------------------------------------------------------------------


def test_tick_onboarding_with_date(engagement, coordinator):
    check = OnboardingCheck.objects.create(engagement=engagement, title="Begrüßungsgespräch")

    services.tick_onboarding(check, done_on=date(2026, 6, 10), actor=coordinator, today=TODAY)

    check.refresh_from_db()
    assert (check.done_on, check.done_by) == (date(2026, 6, 10), coordinator)


def test_tick_onboarding_in_future_refused(engagement, coordinator):
    check = OnboardingCheck.objects.create(engagement=engagement, title="Begrüßungsgespräch")

    with pytest.raises(InvalidInput):
        services.tick_onboarding(check, done_on=date(2026, 6, 16), actor=coordinator, today=TODAY)

    check.refresh_from_db()
    assert check.done_on is None


def test_volunteer_cannot_tick_own_onboarding(engagement, volunteer):
    check = OnboardingCheck.objects.create(engagement=engagement, title="Begrüßungsgespräch")

    with pytest.raises(DomainError):
        services.tick_onboarding(check, done_on=TODAY, actor=volunteer, today=TODAY)


# --- § 72a ---------------------------------------------------------------------------------


def test_record_inspection_stores_the_four_facts_only(engagement, coordinator):
    check = services.record_certificate_inspection(
        engagement,
        issued_on=date(2026, 4, 1),
        inspected_on=date(2026, 6, 1),
        relevant_entry=False,
        actor=coordinator,
        today=TODAY,
    )

    fields = {f.name for f in RecordCheck._meta.concrete_fields}
    assert fields == {
        "id",
        "engagement",
        "inspected",
        "issued_on",
        "inspected_on",
        "relevant_entry",
    }
    assert (check.inspected, check.issued_on, check.inspected_on, check.relevant_entry) == (
        True,
        date(2026, 4, 1),
        date(2026, 6, 1),
        False,
    )


def test_certificate_exactly_three_months_old_accepted(engagement, coordinator):
    services.record_certificate_inspection(
        engagement,
        issued_on=date(2026, 3, 1),
        inspected_on=date(2026, 6, 1),
        relevant_entry=False,
        actor=coordinator,
        today=TODAY,
    )

    assert RecordCheck.objects.count() == 1


def test_certificate_older_than_three_months_refused(engagement, coordinator):
    with pytest.raises(InvalidInput) as exc:
        services.record_certificate_inspection(
            engagement,
            issued_on=date(2026, 2, 28),
            inspected_on=date(2026, 6, 1),
            relevant_entry=False,
            actor=coordinator,
            today=TODAY,
        )

    assert "älter als 3 Monate" in str(exc.value)
    assert RecordCheck.objects.count() == 0


def test_certificate_issued_in_future_refused(engagement, coordinator):
    with pytest.raises(InvalidInput) as exc:
        services.record_certificate_inspection(
            engagement,
            issued_on=date(2026, 6, 20),
            inspected_on=TODAY,
            relevant_entry=False,
            actor=coordinator,
            today=TODAY,
        )

    assert "Zukunft" in str(exc.value)
    assert RecordCheck.objects.count() == 0


def test_volunteer_cannot_record_own_inspection(engagement, volunteer):
    with pytest.raises(DomainError):
        services.record_certificate_inspection(
            engagement,
            issued_on=date(2026, 6, 1),
            inspected_on=TODAY,
            relevant_entry=False,
            actor=volunteer,
            today=TODAY,
        )


def test_job_deletes_record_three_months_after_end_not_before(organization):
    engagement = EngagementFactory(
        organization=organization, end=date(2026, 3, 31), status=Engagement.Status.ENDED
    )
    RecordCheckFactory(engagement=engagement)

    assert services.delete_expired_record_checks(today=date(2026, 6, 29)) == 0
    assert RecordCheck.objects.count() == 1

    assert services.delete_expired_record_checks(today=date(2026, 6, 30)) == 1
    assert RecordCheck.objects.count() == 0
    log = RecordCheckDeletion.objects.get()
    assert (log.organization, log.engagement, log.reason) == (
        organization,
        engagement,
        RecordCheckDeletion.Reason.ENDED,
    )
    assert {f.name for f in RecordCheckDeletion._meta.concrete_fields} == {
        "id",
        "organization",
        "engagement",
        "reason",
        "deleted_at",
    }


def test_job_deletes_record_at_once_when_person_never_started(engagement, coordinator):
    RecordCheckFactory(engagement=engagement)
    services.mark_not_started(engagement, actor=coordinator)

    assert services.delete_expired_record_checks(today=TODAY) == 1

    assert RecordCheck.objects.count() == 0
    assert RecordCheckDeletion.objects.get().reason == RecordCheckDeletion.Reason.NOT_STARTED


def test_job_keeps_record_of_running_engagement_and_is_idempotent(engagement):
    RecordCheckFactory(engagement=engagement)

    assert services.delete_expired_record_checks(today=TODAY) == 0
    assert services.delete_expired_record_checks(today=TODAY) == 0
    assert RecordCheck.objects.count() == 1


def test_reinspection_reminder_once_before_due(engagement, django_capture_on_commit_callbacks):
    RecordCheckFactory(
        engagement=engagement, issued_on=date(2021, 6, 1), inspected_on=date(2021, 7, 1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_record_check_reinspection(today=date(2026, 4, 1)) == 0
        assert services.remind_record_check_reinspection(today=date(2026, 5, 15)) == 1
        assert services.remind_record_check_reinspection(today=date(2026, 5, 16)) == 0
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    assert "01.07.2026" in mail.outbox[0].body


def test_reinspection_due_five_years_after_inspection_by_default(engagement):
    check = RecordCheckFactory(engagement=engagement, inspected_on=date(2025, 1, 10))

    assert services.record_check_due_on(check, engagement.organization) == date(2030, 1, 10)


@pytest.mark.parametrize(
    "issued_on, inspected_on, message",
    [
        (date(2026, 6, 1), date(2026, 6, 16), "Die Einsichtnahme liegt in der Zukunft."),
        (date(2026, 6, 10), date(2026, 6, 1), "nach der Einsichtnahme ausgestellt"),
    ],
)
def test_certificate_inspection_with_impossible_dates_refused(
    engagement, coordinator, issued_on, inspected_on, message
):
    with pytest.raises(InvalidInput) as exc:
        services.record_certificate_inspection(
            engagement,
            issued_on=issued_on,
            inspected_on=inspected_on,
            relevant_entry=False,
            actor=coordinator,
            today=TODAY,
        )

    assert message in str(exc.value)
    assert RecordCheck.objects.count() == 0


def test_reinspection_interval_per_organization(engagement):
    from ehrensache.engagements.models import OrganizationSettings

    OrganizationSettings.objects.create(
        organization=engagement.organization, record_check_interval_years=3
    )
    check = RecordCheckFactory(engagement=engagement, inspected_on=date(2025, 1, 10))

    assert services.record_check_due_on(check, engagement.organization) == date(2028, 1, 10)


# --- hours ---------------------------------------------------------------------------------


def test_volunteer_logs_hours(engagement, volunteer):
    entry = services.log_hours(
        engagement,
        date=date(2026, 6, 14),
        minutes=90,
        activity="Vorlesen",
        actor=volunteer,
        today=TODAY,
    )

    assert (entry.minutes, entry.logged_by, entry.verified_at) == (90, volunteer, None)


@pytest.mark.parametrize(
    "day, minutes, message",
    [
        (date(2026, 6, 16), 60, "Zukunft"),
        (date(2026, 6, 14), -30, "größer als null"),
        (date(2026, 6, 14), 0, "größer als null"),
        (date(2026, 6, 14), 24 * 60 + 1, "24 Stunden"),
        (date(2024, 12, 31), 60, "außerhalb"),
    ],
)
def test_impossible_hours_refused(engagement, volunteer, day, minutes, message):
    with pytest.raises(InvalidInput) as exc:
        services.log_hours(
            engagement, date=day, minutes=minutes, activity="x", actor=volunteer, today=TODAY
        )

    assert message in str(exc.value)
    assert HoursEntry.objects.count() == 0


def test_more_than_24_hours_a_day_across_engagements_refused(engagement, volunteer):
    other = EngagementFactory(volunteer=volunteer)
    services.log_hours(
        other, date=TODAY, minutes=20 * 60, activity="x", actor=volunteer, today=TODAY
    )

    with pytest.raises(InvalidInput):
        services.log_hours(
            engagement, date=TODAY, minutes=5 * 60, activity="y", actor=volunteer, today=TODAY
        )

    assert HoursEntry.objects.count() == 1


@pytest.mark.parametrize("who", ["agency_staff", "network_staff", "other_coordinator"])
def test_others_cannot_log_hours(engagement, who, request):
    with pytest.raises(DomainError):
        services.log_hours(
            engagement,
            date=TODAY,
            minutes=60,
            activity="x",
            actor=request.getfixturevalue(who),
            today=TODAY,
        )


def test_coordinator_verifies_single_and_bulk(engagement, coordinator):
    a, b, c = HoursEntryFactory.create_batch(3, engagement=engagement)

    services.verify_hours(a, actor=coordinator)
    services.verify_hours_bulk(
        [b.pk, c.pk], organization_id=engagement.organization_id, actor=coordinator
    )

    assert (
        HoursEntry.objects.filter(verified_by=coordinator, verified_at__isnull=False).count() == 3
    )


def test_bulk_verify_with_foreign_entry_changes_nothing(engagement, coordinator):
    own = HoursEntryFactory(engagement=engagement)
    foreign = HoursEntryFactory()

    with pytest.raises(InvalidInput):
        services.verify_hours_bulk(
            [own.pk, foreign.pk], organization_id=engagement.organization_id, actor=coordinator
        )

    assert HoursEntry.objects.filter(verified_at__isnull=False).count() == 0


def test_volunteer_cannot_verify_own_hours(engagement, volunteer):
    entry = HoursEntryFactory(engagement=engagement)

    with pytest.raises(DomainError):
        services.verify_hours(entry, actor=volunteer)


def test_verified_hours_cannot_be_deleted(engagement, coordinator, volunteer):
    entry = HoursEntryFactory(engagement=engagement)
    services.verify_hours(entry, actor=coordinator)

    with pytest.raises(DomainError):
        services.delete_hours(entry, actor=volunteer)


# --- allowances ----------------------------------------------------------------------------


def _pay(
    engagement,
    actor,
    *,
    cents,
    day,
    kind=AllowancePayment.Kind.EHRENAMT,
    activity="Kassenwart",
    shared=False,
):
    return services.record_allowance(
        engagement,
        kind=kind,
        activity=activity,
        amount_cents=cents,
        paid_on=day,
        actor=actor,
        shared=shared,
        today=date(2026, 12, 31),
    )


def test_allowance_900_euro_warns_in_2025_not_in_2026(engagement, coordinator):
    in_2025 = _pay(engagement, coordinator, cents=90000, day=date(2025, 12, 1))
    in_2026 = _pay(engagement, coordinator, cents=90000, day=date(2026, 1, 15))

    assert len(in_2025.warnings) == 1
    assert "840,00 €" in in_2025.warnings[0]
    assert in_2026.warnings == []
    assert (in_2025.payment.legal_basis, in_2025.payment.year) == ("§ 3 Nr. 26a EStG", 2025)


def test_uebungsleiter_3200_euro_warns_in_2025_not_in_2026(engagement, coordinator):
    kind = AllowancePayment.Kind.UEBUNGSLEITER
    assert _pay(engagement, coordinator, cents=320000, day=date(2025, 6, 1), kind=kind).warnings
    assert (
        _pay(engagement, coordinator, cents=320000, day=date(2026, 6, 1), kind=kind).warnings == []
    )


def test_allowance_limit_counts_shared_payments_of_other_organizations(
    engagement, coordinator, volunteer, django_capture_on_commit_callbacks
):
    from tests.factories import OrganizationMembershipFactory

    other_org = OrganizationFactory()
    other_coord = OrganizationMembershipFactory(organization=other_org).user
    other = EngagementFactory(volunteer=volunteer, organization=other_org)
    _pay(other, other_coord, cents=60000, day=date(2026, 2, 1), activity="Trainerin", shared=True)

    with django_capture_on_commit_callbacks(execute=True):
        result = _pay(engagement, coordinator, cents=40000, day=date(2026, 3, 1))

    assert len(result.warnings) == 1
    assert mail.outbox[-1].to == [volunteer.email]


def test_unshared_payments_of_other_organizations_are_not_counted(
    engagement, coordinator, volunteer
):
    from tests.factories import OrganizationMembershipFactory

    other_org = OrganizationFactory()
    other_coord = OrganizationMembershipFactory(organization=other_org).user
    other = EngagementFactory(volunteer=volunteer, organization=other_org)
    _pay(other, other_coord, cents=60000, day=date(2026, 2, 1), activity="Trainerin", shared=False)

    assert _pay(engagement, coordinator, cents=40000, day=date(2026, 3, 1)).warnings == []


def test_allowance_limit_counts_what_the_volunteer_states_from_other_payers(
    engagement, coordinator, volunteer
):
    # § 3 Nr. 26a EStG: 960 € per person and year across all payers. The club outside the
    # platform paid 500 €; this organization pays 500 €: 1,000 € warns.
    assert _pay(engagement, coordinator, cents=50000, day=date(2026, 3, 1)).warnings == []
    services.state_other_allowances(
        volunteer, year=2026, amounts={"ehrenamt": 50000}, actor=volunteer, today=TODAY
    )

    result = _pay(engagement, coordinator, cents=1000, day=date(2026, 4, 1))

    assert len(result.warnings) == 1
    assert "1.010,00 €" in result.warnings[0]
    assert (
        services.allowance_year_total(
            volunteer, kind="ehrenamt", year=2026, organization_id=engagement.organization_id
        )
        == 101000
    )


def test_stated_other_allowances_are_per_year_and_kind_and_zero_removes_them(volunteer):
    services.state_other_allowances(
        volunteer,
        year=2025,
        amounts={"ehrenamt": 30000, "uebungsleiter": 100000},
        actor=volunteer,
        today=TODAY,
    )
    services.state_other_allowances(
        volunteer, year=2025, amounts={"uebungsleiter": 0}, actor=volunteer, today=TODAY
    )

    assert services.other_allowance_cents(volunteer, kind="ehrenamt", year=2025) == 30000
    assert services.other_allowance_cents(volunteer, kind="ehrenamt", year=2026) == 0
    assert services.other_allowance_cents(volunteer, kind="uebungsleiter", year=2025) == 0


def test_only_the_person_states_other_allowances_and_only_for_recent_years(volunteer, coordinator):
    from ehrensache.core.errors import Forbidden

    with pytest.raises(Forbidden):
        services.state_other_allowances(
            volunteer, year=2026, amounts={"ehrenamt": 100}, actor=coordinator, today=TODAY
        )
    for year in (2022, 2027):
        with pytest.raises(InvalidInput):
            services.state_other_allowances(
                volunteer, year=year, amounts={"ehrenamt": 100}, actor=volunteer, today=TODAY
            )
    with pytest.raises(InvalidInput):
        services.state_other_allowances(
            volunteer, year=2026, amounts={"ehrenamt": -1}, actor=volunteer, today=TODAY
        )


def test_both_allowances_for_same_activity_refused(engagement, coordinator):
    _pay(
        engagement,
        coordinator,
        cents=10000,
        day=date(2026, 2, 1),
        activity="Übungsleiterin Turnen",
        kind=AllowancePayment.Kind.UEBUNGSLEITER,
    )

    with pytest.raises(DomainError):
        _pay(
            engagement,
            coordinator,
            cents=10000,
            day=date(2026, 3, 1),
            activity="übungsleiterin turnen",
        )

    assert AllowancePayment.objects.count() == 1


@pytest.mark.parametrize(
    "kind, year, limit_cents",
    [
        (AllowancePayment.Kind.EHRENAMT, 2025, 84000),
        (AllowancePayment.Kind.EHRENAMT, 2026, 96000),
        (AllowancePayment.Kind.UEBUNGSLEITER, 2025, 300000),
        (AllowancePayment.Kind.UEBUNGSLEITER, 2026, 330000),
    ],
)
def test_allowance_limit_of_the_year_reached_is_fine_one_cent_more_warns(
    engagement, coordinator, kind, year, limit_cents
):
    at_limit = _pay(engagement, coordinator, cents=limit_cents, day=date(year, 5, 1), kind=kind)
    one_more = _pay(engagement, coordinator, cents=1, day=date(year, 12, 31), kind=kind)

    assert at_limit.warnings == []
    assert len(one_more.warnings) == 1


def test_allowance_paid_in_the_future_refused(engagement, coordinator):
    with pytest.raises(InvalidInput) as exc:
        services.record_allowance(
            engagement,
            kind=AllowancePayment.Kind.EHRENAMT,
            activity="Kasse",
            amount_cents=1000,
            paid_on=date(2026, 6, 16),
            actor=coordinator,
            today=TODAY,
        )

    assert "Zukunft" in str(exc.value)
    assert AllowancePayment.objects.count() == 0


@pytest.mark.parametrize("cents", [0, -100])
def test_allowance_without_positive_amount_refused(engagement, coordinator, cents):
    with pytest.raises(InvalidInput):
        _pay(engagement, coordinator, cents=cents, day=date(2026, 2, 1))


def test_volunteer_cannot_book_allowance(engagement, volunteer):
    with pytest.raises(DomainError):
        _pay(engagement, volunteer, cents=100, day=date(2026, 2, 1))


def test_status_job_activates_and_ends():
    planned = EngagementFactory(status=Engagement.Status.PLANNED, start=date(2026, 6, 15))
    ending = EngagementFactory(end=date(2026, 6, 14))

    services.activate_due_engagements(today=TODAY)

    planned.refresh_from_db()
    ending.refresh_from_db()
    assert (planned.status, ending.status) == (Engagement.Status.ACTIVE, Engagement.Status.ENDED)


def test_end_engagement_sets_end_and_deletion_date(engagement, coordinator):
    services.end_engagement(engagement, end=date(2026, 5, 31), actor=coordinator, today=TODAY)

    assert services.record_check_deletion_due_on(engagement) == date(2026, 8, 31)
    assert engagement.status == Engagement.Status.ENDED


def test_end_before_logged_hours_refused(engagement, coordinator):
    HoursEntryFactory(engagement=engagement, date=date(2026, 5, 20))

    with pytest.raises(InvalidInput) as exc:
        services.end_engagement(engagement, end=date(2026, 5, 19), actor=coordinator, today=TODAY)

    engagement.refresh_from_db()
    assert "Für den 20.05.2026 sind schon Stunden erfasst." in str(exc.value)
    assert (engagement.end, engagement.status) == (None, Engagement.Status.ACTIVE)


@pytest.mark.parametrize("end", [date(2024, 12, 31), date(2026, 6, 16)])
def test_end_before_start_or_in_the_future_refused(engagement, coordinator, end):
    with pytest.raises(InvalidInput):
        services.end_engagement(engagement, end=end, actor=coordinator, today=TODAY)

    engagement.refresh_from_db()
    assert engagement.end is None


def test_unused_user_factory_keeps_programme_default():
    assert EngagementFactory(volunteer=UserFactory()).programme == Programme.NONE


def test_demo_loader_is_idempotent_and_tolerates_missing_users():
    from ehrensache.engagements import demo
    from tests.factories import OrganizationMembershipFactory

    lines = []
    demo.load(out=lines.append)
    volunteer = UserFactory(email="ehrenamt@demo.ehrensache.invalid")
    OrganizationMembershipFactory(user__email="koordination@demo.ehrensache.invalid")
    demo.load(out=lines.append)
    demo.load(out=lines.append)

    engagement = Engagement.objects.get()
    assert engagement.volunteer == volunteer
    assert (engagement.hours_entries.count(), RecordCheck.objects.count()) == (11, 1)
    assert len(lines) == 3
