from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ehrensache.engagements.models import (
    AllowancePayment,
    Engagement,
    HoursEntry,
    OnboardingCheck,
    RecordCheck,
)
from tests.factories import EngagementFactory, HoursEntryFactory, RecordCheckFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _today():
    return timezone.localdate()


@pytest.fixture
def record_check(engagement):
    return RecordCheckFactory(engagement=engagement)


# --- who sees what -------------------------------------------------------------------------

DETAIL_PAGES = [
    "engagements:detail",
    "engagements:agreement_pdf",
]
MANAGE_ONLY = ["engagements:certificate_request_pdf"]


@pytest.mark.parametrize("name", DETAIL_PAGES + MANAGE_ONLY)
@pytest.mark.parametrize("who", ["agency_staff", "network_staff", "other_coordinator"])
def test_others_get_404_on_engagement_pages(client, engagement, record_check, name, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(name, args=[engagement.pk]))

    assert response.status_code == 404


def test_anonymous_redirected_to_login(client, engagement):
    response = client.get(reverse("engagements:detail", args=[engagement.pk]))

    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_volunteer_sees_own_engagement_and_record_check(
    client, engagement, record_check, volunteer
):
    client.force_login(volunteer)

    response = client.get(reverse("engagements:detail", args=[engagement.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Erweitertes Führungszeugnis" in html
    assert "Einsicht vermerken" not in html


def test_volunteer_cannot_use_coordinator_actions(client, engagement, volunteer):
    client.force_login(volunteer)
    base = f"/engagements/{engagement.pk}"

    responses = [
        client.post(
            f"{base}/fuehrungszeugnis/",
            {
                "fz-issued_on": str(_today()),
                "fz-inspected_on": str(_today()),
                "fz-relevant_entry": "no",
            },
        ),
        client.post(
            f"{base}/pauschalen/",
            {
                "pauschale-kind": "ehrenamt",
                "pauschale-activity": "x",
                "pauschale-amount": "10",
                "pauschale-paid_on": str(_today()),
            },
        ),
        client.post(f"{base}/beenden/", {"ende-end": str(_today())}),
        client.get(f"{base}/fuehrungszeugnis/bestaetigung.pdf"),
    ]

    # The volunteer sees their engagement; the coordination's actions on it are refused.
    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert (RecordCheck.objects.count(), AllowancePayment.objects.count()) == (0, 0)


@pytest.mark.parametrize("who", ["volunteer", "agency_staff", "network_staff"])
def test_coordinator_pages_forbidden_for_others(client, who, request, organization):
    client.force_login(request.getfixturevalue(who))

    responses = [
        client.get(reverse("engagements:manage")),
        client.get(reverse("engagements:start")),
        client.get(reverse("engagements:verify")),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("engagements:checklist", args=[organization.pk])).status_code == 403


@pytest.mark.parametrize("who", ["agency_staff", "network_staff", "other_coordinator"])
def test_others_cannot_log_or_delete_hours(client, engagement, who, request):
    entry = HoursEntryFactory(engagement=engagement)
    client.force_login(request.getfixturevalue(who))

    log = client.post(
        reverse("engagements:hours", args=[engagement.pk]),
        {
            "stunden-engagement": engagement.pk,
            "stunden-date": "2025-03-01",
            "stunden-duration": "1",
            "stunden-activity": "x",
        },
    )
    delete = client.post(reverse("engagements:delete_hours", args=[entry.pk]))

    assert (log.status_code, delete.status_code) == (404, 404)
    assert HoursEntry.objects.count() == 1


def test_other_coordinator_cannot_verify_via_bulk_form(client, engagement, other_coordinator):
    entry = HoursEntryFactory(engagement=engagement)
    client.force_login(other_coordinator)

    client.post(reverse("engagements:verify"), {"entry": [entry.pk]})

    entry.refresh_from_db()
    assert entry.verified_at is None


# --- coordinator flow ----------------------------------------------------------------------


def test_start_page_creates_engagement(client, coordinator, organization, volunteer, in_touch):
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:start"),
        {
            "organization": organization.pk,
            "volunteer_email": volunteer.email,
            "role": "Lesepatin",
            "start": str(_today()),
            "programme": "none",
            "requires_record_check": "on",
        },
    )

    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == engagement.get_absolute_url()
    assert (engagement.volunteer, engagement.requires_record_check) == (volunteer, True)


def test_start_page_keeps_input_and_explains_unknown_email(client, coordinator, organization):
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:start"),
        {
            "organization": organization.pk,
            "volunteer_email": "nobody@example.org",
            "role": "Lesepatin",
            "start": "2026-02-30",
            "programme": "none",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Unter dieser Adresse ist niemand mit Ihrer Einsatzstelle in Kontakt" in html
    assert "Bitte geben Sie ein gültiges Datum an." in html
    assert 'value="Lesepatin"' in html
    assert Engagement.objects.count() == 0


def test_start_page_shows_hospice_refusal(client, coordinator, organization, volunteer, in_touch):
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:start"),
        {
            "organization": organization.pk,
            "volunteer_email": volunteer.email,
            "role": "Begleitung",
            "start": str(_today()),
            "programme": "hospice",
        },
    )

    assert response.status_code == 200
    assert "Befähigungskurs" in response.content.decode()
    assert Engagement.objects.count() == 0


def test_record_check_form_has_no_file_field_and_no_multipart(client, coordinator, engagement):
    client.force_login(coordinator)

    html = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()

    assert 'type="file"' not in html
    assert "multipart" not in html
    assert "fz-relevant_entry" in html


def test_record_check_too_old_shows_message_and_keeps_input(client, coordinator, engagement):
    client.force_login(coordinator)
    old = _today() - timedelta(days=120)

    response = client.post(
        reverse("engagements:record_check", args=[engagement.pk]),
        {"fz-issued_on": str(old), "fz-inspected_on": str(_today()), "fz-relevant_entry": "no"},
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "älter als 3 Monate" in html
    assert f'value="{old.isoformat()}"' in html
    assert RecordCheck.objects.count() == 0


def test_record_check_posted_with_a_file_stores_only_the_facts(client, coordinator, engagement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)

    client.post(
        reverse("engagements:record_check", args=[engagement.pk]),
        {
            "fz-issued_on": str(_today()),
            "fz-inspected_on": str(_today()),
            "fz-relevant_entry": "yes",
            "fz-document": SimpleUploadedFile("fz.pdf", b"%PDF secret"),
        },
    )

    check = RecordCheck.objects.get()
    assert (check.issued_on, check.relevant_entry) == (_today(), True)


def test_tick_onboarding_via_page(client, coordinator, engagement):
    check = OnboardingCheck.objects.create(engagement=engagement, title="Begrüßungsgespräch")
    client.force_login(coordinator)

    client.post(
        reverse("engagements:tick", args=[engagement.pk, check.pk]), {"done_on": str(_today())}
    )

    check.refresh_from_db()
    assert check.done_on == _today()


def test_tick_with_bad_date_changes_nothing(client, coordinator, engagement):
    check = OnboardingCheck.objects.create(engagement=engagement, title="Begrüßungsgespräch")
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:tick", args=[engagement.pk, check.pk]),
        {"done_on": "31.02."},
        follow=True,
    )

    check.refresh_from_db()
    assert check.done_on is None
    assert "gültiges Datum" in response.content.decode()


def test_allowance_warning_shown(client, coordinator, engagement):
    client.force_login(coordinator)
    day = _today().replace(month=1, day=2)

    response = client.post(
        reverse("engagements:allowance", args=[engagement.pk]),
        {
            "pauschale-kind": "ehrenamt",
            "pauschale-activity": "Kasse",
            "pauschale-amount": "1000,00",
            "pauschale-paid_on": str(day),
        },
        follow=True,
    )

    assert "mehr als der steuerfreie Betrag" in response.content.decode()
    assert AllowancePayment.objects.get().amount_cents == 100000


def test_certificate_request_and_agreement_pdfs(client, coordinator, engagement, volunteer):
    client.force_login(coordinator)
    letter = client.get(reverse("engagements:certificate_request_pdf", args=[engagement.pk]))
    client.force_login(volunteer)
    agreement = client.get(reverse("engagements:agreement_pdf", args=[engagement.pk]))

    assert letter["Content-Type"] == agreement["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF") and agreement.content.startswith(b"%PDF")


def test_checklist_page_add_and_remove(client, coordinator, organization):
    client.force_login(coordinator)
    url = reverse("engagements:checklist", args=[organization.pk])

    client.post(url, {"schritt-title": "Schlüsselübergabe"})
    html = client.get(url).content.decode()

    assert "Schlüsselübergabe" in html
    assert "Begrüßungsgespräch" in html


# --- volunteer hours -----------------------------------------------------------------------


def test_quick_hours_form_logs_with_comma_duration(client, volunteer, engagement):
    client.force_login(volunteer)

    response = client.post(
        reverse("engagements:log_hours"),
        {
            "stunden-engagement": engagement.pk,
            "stunden-date": str(_today()),
            "stunden-duration": "1,5",
            "stunden-activity": "Vorlesen",
        },
    )

    assert response.status_code == 302
    assert HoursEntry.objects.get().minutes == 90


@pytest.mark.parametrize(
    "duration, message",
    [("-2", "größer als null"), ("25", "höchstens 24 Stunden"), ("viel", "als Zahl")],
)
def test_quick_hours_form_refuses_bad_duration(client, volunteer, engagement, duration, message):
    client.force_login(volunteer)

    response = client.post(
        reverse("engagements:log_hours"),
        {
            "stunden-engagement": engagement.pk,
            "stunden-date": str(_today()),
            "stunden-duration": duration,
            "stunden-activity": "Vorlesen",
        },
    )

    assert message in response.content.decode()
    assert f'value="{duration}"' in response.content.decode()
    assert HoursEntry.objects.count() == 0


def test_quick_hours_form_cannot_pick_foreign_engagement(client, volunteer):
    foreign = EngagementFactory()
    client.force_login(volunteer)

    client.post(
        reverse("engagements:log_hours"),
        {
            "stunden-engagement": foreign.pk,
            "stunden-date": str(_today()),
            "stunden-duration": "1",
            "stunden-activity": "x",
        },
    )

    assert HoursEntry.objects.count() == 0


def test_mine_shows_hours_per_month_and_organization(client, volunteer, engagement):
    HoursEntryFactory(engagement=engagement, date=date(2025, 3, 1), minutes=90)
    HoursEntryFactory(engagement=engagement, date=date(2025, 3, 5), minutes=60)
    client.force_login(volunteer)

    response = client.get(reverse("engagements:mine") + "?jahr=2025")

    html = response.content.decode()
    assert "Insgesamt 2,50 Stunden" in html
    assert engagement.organization.name in html


def test_mine_with_bad_year_falls_back(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("engagements:mine") + "?jahr=abc").status_code == 200


def test_dashboard_sections(client, volunteer, coordinator, engagement):
    HoursEntryFactory(engagement=engagement, date=_today())
    client.force_login(volunteer)
    mine = client.get(reverse("workspaces:volunteer")).content.decode()
    client.force_login(coordinator)
    coord = client.get(
        reverse("workspaces:coordinator", args=[engagement.organization_id])
    ).content.decode()

    assert "Mein Engagement" in mine
    assert "1 Stundeneintrag wartet auf Bestätigung" in coord


# --- query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_manage_list_query_count_is_flat(
    client, coordinator, organization, n, django_assert_num_queries
):
    for _ in range(n):
        HoursEntryFactory(engagement=EngagementFactory(organization=organization))
    client.force_login(coordinator)

    with django_assert_num_queries(9):
        response = client.get(reverse("engagements:manage"))

    assert len(response.context["page_obj"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_verify_list_query_count_is_flat(
    client, coordinator, organization, n, django_assert_num_queries
):
    for _ in range(n):
        HoursEntryFactory(
            engagement=EngagementFactory(organization=organization, volunteer=UserFactory())
        )
    client.force_login(coordinator)

    with django_assert_num_queries(8):
        response = client.get(reverse("engagements:verify"))

    assert len(response.context["page_obj"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_detail_query_count_is_flat(client, coordinator, engagement, n, django_assert_num_queries):
    HoursEntryFactory.create_batch(n, engagement=engagement)
    AllowancePayment.objects.bulk_create(
        AllowancePayment(
            engagement=engagement,
            kind="ehrenamt",
            activity="x",
            amount_cents=100,
            paid_on=date(2025, 3, 1),
            year=2025,
            legal_basis="§ 3 Nr. 26a EStG",
        )
        for _ in range(n)
    )
    client.force_login(coordinator)

    with django_assert_num_queries(18):  # + the Verlauf section, + the conversation
        client.get(reverse("engagements:detail", args=[engagement.pk]))


def test_mine_warns_volunteer_about_allowance_over_limit(client, volunteer, engagement):
    AllowancePayment.objects.create(
        engagement=engagement,
        kind="ehrenamt",
        activity="Kasse",
        amount_cents=90000,
        paid_on=date(2025, 5, 1),
        year=2025,
        legal_basis="§ 3 Nr. 26a EStG",
    )
    client.force_login(volunteer)

    html_2025 = client.get(reverse("engagements:mine") + "?jahr=2025").content.decode()

    assert "steuerfrei bis 840,00 €" in html_2025
    assert "Der steuerfreie Betrag ist überschritten" in html_2025


def test_mine_lets_the_volunteer_state_allowances_from_other_payers(client, volunteer, engagement):
    from ehrensache.engagements.models import OtherAllowance

    year = _today().year
    AllowancePayment.objects.create(
        engagement=engagement,
        kind="ehrenamt",
        activity="Kasse",
        amount_cents=50000,
        paid_on=date(year, 1, 1),
        year=year,
        legal_basis="§ 3 Nr. 26a EStG",
    )
    client.force_login(volunteer)
    page = client.get(reverse("engagements:mine")).content.decode()
    assert "Pauschalen von anderen Zahlern" in page

    response = client.post(
        reverse("engagements:other_allowances"),
        {"andere-year": year, "andere-ehrenamt": "600,00", "andere-uebungsleiter": ""},
        follow=True,
    )

    html = response.content.decode()
    assert OtherAllowance.objects.get(person=volunteer).amount_cents == 60000
    assert "davon 600,00 € von anderen Zahlern" in html
    assert "Der steuerfreie Betrag ist überschritten" in html


def test_other_allowances_form_keeps_typed_input_on_error(client, volunteer, engagement):
    client.force_login(volunteer)

    response = client.post(
        reverse("engagements:other_allowances"),
        {"andere-year": _today().year, "andere-ehrenamt": "-5", "andere-uebungsleiter": "12,5"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_andere-ehrenamt_error"' in html
    assert 'value="12,5"' in html


# --- programme rules on the start page -----------------------------------------------------


def _fsj_post(organization, volunteer, start, **extra):
    from ehrensache.core.dates import add_months

    return {
        "organization": organization.pk,
        "volunteer_email": volunteer.email,
        "role": "FSJ Kita",
        "start": str(start),
        "end": str(add_months(start, 12) - timedelta(days=1)),
        "programme": "fsj",
        "weekly_hours": "39",
        "compulsory_schooling": "on",
        **extra,
    }


def test_start_page_refuses_fsj_without_age_confirmation_and_keeps_input(
    client, coordinator, organization, volunteer
):
    client.force_login(coordinator)
    start = _today() + timedelta(days=30)

    response = client.post(reverse("engagements:start"), _fsj_post(organization, volunteer, start))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_age_confirmed_error"' in html
    assert "jünger als 27 Jahre ist (JFDG § 2 Abs. 1). Bitte bestätigen Sie das." in html
    assert 'value="FSJ Kita"' in html
    assert Engagement.objects.count() == 0


def test_start_page_with_both_confirmations_starts_fsj_and_stores_them(
    client, coordinator, organization, volunteer, in_touch
):
    client.force_login(coordinator)
    data = _fsj_post(organization, volunteer, _today(), age_confirmed="on")

    response = client.post(reverse("engagements:start"), data, follow=True)

    engagement = Engagement.objects.get()
    html = response.content.decode()
    assert engagement.programme == "fsj"
    assert (engagement.schooling_confirmed_on, engagement.schooling_confirmed_by) == (
        _today(),
        coordinator,
    )
    assert (engagement.age_confirmed_on, engagement.age_confirmed_by) == (_today(), coordinator)
    assert engagement.age_confirmed_under == 27
    assert "Am ersten Tag jünger als 27 Jahre" in html
    assert "Schulpflicht erfüllt" in html


def test_start_page_refuses_fsj_over_18_months_without_confirmation_and_keeps_input(
    client, coordinator, organization, volunteer, in_touch
):
    from ehrensache.core.dates import add_months

    client.force_login(coordinator)
    data = _fsj_post(organization, volunteer, _today(), age_confirmed="on")
    data["end"] = str(add_months(_today(), 20) - timedelta(days=1))

    response = client.post(reverse("engagements:start"), data)

    html = response.content.decode()
    assert 'id="id_extended_service_error"' in html
    assert "besonderen pädagogischen Konzepts" in html
    assert 'value="FSJ Kita"' in html
    assert Engagement.objects.count() == 0

    response = client.post(
        reverse("engagements:start"), {**data, "extended_service": "on"}, follow=True
    )

    engagement = Engagement.objects.get()
    assert engagement.extended_service_confirmed_by == coordinator
    assert "Dauer über 18 Monate" in response.content.decode()


def test_start_page_labels_the_age_confirmation_with_the_dated_limit(
    client, coordinator, organization
):
    from ehrensache.engagements.models import Rule, RuleKey

    client.force_login(coordinator)
    html = client.get(reverse("engagements:start")).content.decode()
    Rule.objects.filter(key=RuleKey.FSJ_MAX_AGE).update(value=30)
    edited = client.get(reverse("engagements:start")).content.decode()

    assert "Die Person ist am ersten Tag jünger als 27 Jahre" in html
    assert "Die Person ist am ersten Tag jünger als 30 Jahre" in edited
    assert "jünger als 27 Jahre" not in edited


def test_start_page_age_limit_follows_the_rule_row_of_the_start_day(
    client, coordinator, organization, volunteer
):
    from ehrensache.engagements.models import Rule, RuleKey

    start = _today() + timedelta(days=60)
    Rule.objects.filter(key=RuleKey.FSJ_MAX_AGE).update(valid_to=start - timedelta(days=1))
    Rule.objects.create(key=RuleKey.FSJ_MAX_AGE, value=25, valid_from=start, source="test")
    client.force_login(coordinator)

    before = client.post(
        reverse("engagements:start"),
        _fsj_post(organization, volunteer, start - timedelta(days=1)),
    ).content.decode()
    after = client.post(
        reverse("engagements:start"), _fsj_post(organization, volunteer, start)
    ).content.decode()

    assert "Die Person ist am ersten Tag jünger als 27 Jahre" in before
    assert "Die Person ist am ersten Tag jünger als 25 Jahre" in after
    assert "jünger als 25 Jahre ist (JFDG § 2 Abs. 1)" in after
    assert "27 Jahre" not in after
    assert Engagement.objects.count() == 0


def test_start_page_age_confirmation_in_english(client, coordinator, organization, volunteer):
    client.force_login(coordinator)
    client.cookies["ehrensache_language"] = "en"

    html = client.post(
        reverse("engagements:start"), _fsj_post(organization, volunteer, _today())
    ).content.decode()

    assert "younger than 27" in html
    assert "jünger als" not in html


def test_coordinator_fsj_start_never_reveals_the_birth_date(
    client, coordinator, organization, volunteer, in_touch
):
    # Privacy regression: the volunteer's recognition profile holds a birth date that makes
    # them far too old for an FSJ; nothing derived from it reaches the coordinator.
    from ehrensache.core.dates import add_years
    from ehrensache.recognition.models import RecognitionProfile

    start = _today() + timedelta(days=30)
    birth_date = add_years(start, -40)
    RecognitionProfile.objects.create(person=volunteer, birth_date=birth_date)
    client.force_login(coordinator)
    refused = client.post(
        reverse("engagements:start"), _fsj_post(organization, volunteer, start)
    ).content.decode()

    response = client.post(
        reverse("engagements:start"),
        _fsj_post(organization, volunteer, start, age_confirmed="on"),
        follow=True,
    )

    detail = response.content.decode()
    assert Engagement.objects.get().programme == "fsj"
    for html in (refused, detail):
        assert "Geburtsdatum" not in html
        assert "Lebensjahr" not in html
        assert "Jahre alt" not in html
        assert "40 Jahre" not in html
        assert birth_date.strftime("%d.%m.%Y") not in html
        assert str(birth_date) not in html
        assert "möglich" not in html


def test_volunteer_does_not_see_coordinator_notices_or_confirmations(
    client, coordinator, volunteer, organization
):
    # An FSJ without an end: a programme problem the coordination has to sort out.
    engagement = EngagementFactory(
        volunteer=volunteer,
        organization=organization,
        coordinator=coordinator,
        programme="fsj",
        end=None,
    )
    url = reverse("engagements:detail", args=[engagement.pk])
    client.force_login(coordinator)
    as_coordinator = client.get(url).content.decode()
    client.force_login(volunteer)

    as_volunteer = client.get(url).content.decode()

    assert "Für FSJ und BFD ist das vereinbarte Ende anzugeben." in as_coordinator
    assert "Altersgrenze für das FSJ" in as_coordinator
    assert "Für FSJ und BFD ist das vereinbarte Ende anzugeben." not in as_volunteer
    assert "Altersgrenze für das FSJ" not in as_volunteer
    assert "nicht bestätigt" not in as_volunteer
    assert "Seminartage fällig" in as_volunteer


def test_start_page_asks_to_confirm_compulsory_schooling(
    client, coordinator, organization, volunteer
):
    client.force_login(coordinator)
    data = _fsj_post(organization, volunteer, _today())
    del data["compulsory_schooling"]

    response = client.post(reverse("engagements:start"), data)

    html = response.content.decode()
    assert 'id="id_compulsory_schooling_error"' in html
    assert "Vollzeitschulpflicht erfüllt hat (JFDG § 2)" in html
    assert Engagement.objects.count() == 0


# --- impossible input on pages: a clear message, nothing changed ---------------------------


def test_start_page_refuses_end_before_start(
    client, coordinator, organization, volunteer, in_touch
):
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:start"),
        {
            "organization": organization.pk,
            "volunteer_email": volunteer.email,
            "role": "Lesepatin",
            "start": str(_today()),
            "end": str(_today() - timedelta(days=1)),
            "programme": "none",
        },
    )

    html = response.content.decode()
    assert 'id="id_end_error"' in html
    assert "Das Ende liegt vor dem Beginn." in html
    assert Engagement.objects.count() == 0


def _hours(engagement, day, duration):
    return {
        "stunden-engagement": engagement.pk,
        "stunden-date": str(day),
        "stunden-duration": duration,
        "stunden-activity": "Vorlesen",
    }


def test_quick_hours_form_refuses_more_than_24_hours_a_day_in_sum(client, volunteer, engagement):
    HoursEntryFactory(engagement=engagement, date=_today(), minutes=20 * 60)
    client.force_login(volunteer)

    response = client.post(reverse("engagements:log_hours"), _hours(engagement, _today(), "5"))

    html = response.content.decode()
    assert "sind schon 20:00 Stunden erfasst; mehr als 24 Stunden" in html
    assert 'value="5"' in html
    assert HoursEntry.objects.count() == 1


def test_quick_hours_form_refuses_a_future_day(client, volunteer, engagement):
    client.force_login(volunteer)
    tomorrow = _today() + timedelta(days=1)

    response = client.post(reverse("engagements:log_hours"), _hours(engagement, tomorrow, "2"))

    assert "Stunden können nicht für die Zukunft erfasst werden." in response.content.decode()
    assert HoursEntry.objects.count() == 0


def test_engagement_hours_form_refuses_negative_hours(client, coordinator, engagement):
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:hours", args=[engagement.pk]), _hours(engagement, _today(), "-1,5")
    )

    assert response.status_code == 422
    assert "Bitte geben Sie eine Dauer größer als null an." in response.content.decode()
    assert HoursEntry.objects.count() == 0


def test_record_check_issued_in_future_refused_on_page(client, coordinator, engagement):
    client.force_login(coordinator)
    tomorrow = _today() + timedelta(days=1)

    response = client.post(
        reverse("engagements:record_check", args=[engagement.pk]),
        {
            "fz-issued_on": str(tomorrow),
            "fz-inspected_on": str(_today()),
            "fz-relevant_entry": "no",
        },
    )

    assert response.status_code == 422
    assert "Das Ausstellungsdatum liegt in der Zukunft." in response.content.decode()
    assert RecordCheck.objects.count() == 0


@pytest.mark.parametrize(
    "end, message",
    [
        (date(2024, 12, 31), "Das Ende liegt vor dem Beginn."),
        (date(2025, 2, 28), "Für den 01.03.2025 sind schon Stunden erfasst."),
    ],
)
def test_end_before_start_or_before_logged_hours_refused_on_page(
    client, coordinator, engagement, end, message
):
    HoursEntryFactory(engagement=engagement, date=date(2025, 3, 1))
    client.force_login(coordinator)

    response = client.post(reverse("engagements:end", args=[engagement.pk]), {"ende-end": str(end)})

    engagement.refresh_from_db()
    assert response.status_code == 422
    assert message in response.content.decode()
    assert (engagement.end, engagement.status) == (None, Engagement.Status.ACTIVE)


def test_allowance_paid_in_future_refused_on_page(client, coordinator, engagement):
    client.force_login(coordinator)

    response = client.post(
        reverse("engagements:allowance", args=[engagement.pk]),
        {
            "pauschale-kind": "ehrenamt",
            "pauschale-activity": "Kasse",
            "pauschale-amount": "100,00",
            "pauschale-paid_on": str(_today() + timedelta(days=1)),
        },
    )

    assert response.status_code == 422
    assert "Die Auszahlung liegt in der Zukunft." in response.content.decode()
    assert AllowancePayment.objects.count() == 0


def test_start_page_does_not_tell_whether_a_stranger_has_an_account(
    client, coordinator, organization, volunteer
):
    """A registered person who never contacted the organization gets the same answer as an
    address without an account: the form is no way to find out who uses the platform."""
    client.force_login(coordinator)
    data = {"organization": organization.pk, "role": "Lesepatin", "start": str(_today())}
    data["programme"] = "none"

    registered = client.post(
        reverse("engagements:start"), {**data, "volunteer_email": volunteer.email}
    )
    unknown = client.post(
        reverse("engagements:start"), {**data, "volunteer_email": "nobody@example.org"}
    )

    message = "Unter dieser Adresse ist niemand mit Ihrer Einsatzstelle in Kontakt"
    assert message in registered.content.decode() and message in unknown.content.decode()
    assert Engagement.objects.count() == 0


def test_start_page_accepts_a_person_who_was_engaged_there_before(
    client, coordinator, organization, volunteer
):
    client.force_login(coordinator)
    EngagementFactory(volunteer=volunteer, organization=organization, status="ended")

    response = client.post(
        reverse("engagements:start"),
        {
            "organization": organization.pk,
            "volunteer_email": volunteer.email.upper(),
            "role": "Lesepatin",
            "start": str(_today()),
            "programme": "none",
        },
    )

    assert response.status_code == 302
    assert Engagement.objects.filter(volunteer=volunteer).count() == 2
