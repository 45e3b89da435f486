"""Kooperations-Check: answer links, partial answers, scopes, plan, PDF, aggregates."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ehrensache.core.errors import DomainError, NotFound
from ehrensache.guide import results, services
from ehrensache.guide.models import Invitation, Measure, Response, Statement, Team
from tests.factories import AgencyMembershipFactory, NetworkMembershipFactory, UserFactory
from tests.guide.factories import add_member, answer, make_team

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _links(check_round, coordinator, *, group="ehrenamt", count=1, valid_days=7):
    return services.create_answer_links(
        check_round, group=group, count=count, valid_days=valid_days, actor=coordinator
    )


def _all_values(check_round, value=4):
    return {
        f"s{pk}": str(value)
        for pk in Statement.objects.filter(
            dimension__questionnaire=check_round.questionnaire
        ).values_list("pk", flat=True)
    }


# --- Answer links ---------------------------------------------------------------------------


def test_only_the_hash_of_a_token_is_stored(check_round, coordinator):
    [token] = _links(check_round, coordinator)

    assert not Invitation.objects.filter(token_hash=token).exists()
    assert Invitation.objects.get().token_hash != token


def test_partial_answers_are_kept_until_submitted(client, check_round, coordinator):
    [token] = _links(check_round, coordinator)
    url = reverse("guide:answer", args=[token])
    first = Statement.objects.filter(dimension__questionnaire=check_round.questionnaire).first()

    saved = client.post(url, {f"s{first.pk}": "2", "save": "1"})
    again = client.get(url)

    assert saved.status_code == 302
    assert 'value="2" class="kern-form-check__input" required' not in again.content.decode()
    assert again.context["form"][f"s{first.pk}"].initial == 2
    assert "Sie haben schon 1 von 25 Aussagen beantwortet." in again.content.decode()
    assert Response.objects.get().submitted_on is None


def test_submitting_needs_every_statement_and_keeps_the_input(client, check_round, coordinator):
    [token] = _links(check_round, coordinator)
    url = reverse("guide:answer", args=[token])
    first = Statement.objects.filter(dimension__questionnaire=check_round.questionnaire).first()

    response = client.post(url, {f"s{first.pk}": "5", "submit": "1"})

    assert response.status_code == 200
    assert "Es fehlen noch 24." in response.content.decode()
    assert response.context["form"].cleaned_data[f"s{first.pk}"] == 5
    assert Invitation.objects.get().used_at is None


def test_submitted_link_is_used_up_and_says_so(client, check_round, coordinator):
    [token] = _links(check_round, coordinator)
    url = reverse("guide:answer", args=[token])

    submitted = client.post(url, {**_all_values(check_round), "submit": "1"})
    again = client.get(url)
    replay = client.post(url, {**_all_values(check_round, 1), "submit": "1"})

    assert submitted["Location"] == reverse("guide:answer_thanks")
    assert again.status_code == 410
    assert "Mit diesem Link wurde schon geantwortet" in again.content.decode()
    assert replay.status_code == 410
    assert Response.objects.filter(submitted_on__isnull=False).count() == 1


def test_submitting_cuts_the_tie_between_link_and_answers(check_round):
    response = answer(check_round, group="ehrenamt")

    response.refresh_from_db()
    assert (response.invitation_id, response.user_id) == (None, None)
    assert response.answers.count() == 25


def test_expired_link_says_so(client, check_round, coordinator):
    [token] = _links(check_round, coordinator)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(reverse("guide:answer", args=[token]))

    assert response.status_code == 410
    assert "Dieser Antwortlink ist abgelaufen" in response.content.decode()


def test_unknown_link_is_404_with_explanation(client, reference):
    response = client.get(reverse("guide:answer", args=["nicht-echt"]))

    assert response.status_code == 404
    assert "Diesen Antwortlink kennen wir nicht" in response.content.decode()


def test_link_of_closed_round_is_refused(client, check_round, coordinator):
    [token] = _links(check_round, coordinator)
    services.close_round(check_round, actor=coordinator)

    response = client.get(reverse("guide:answer", args=[token]))

    assert response.status_code == 410
    assert "Diese Runde ist abgeschlossen." in response.content.decode()


def test_out_of_scale_values_are_rejected_without_change(client, check_round, coordinator):
    [token] = _links(check_round, coordinator)
    first = Statement.objects.filter(dimension__questionnaire=check_round.questionnaire).first()

    response = client.post(
        reverse("guide:answer", args=[token]), {f"s{first.pk}": "9", "save": "1"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Response.objects.count() == 0


def test_member_answers_with_account_once(client, check_round, coordinator):
    url = reverse("guide:answer_member", args=[check_round.pk])
    client.force_login(coordinator)

    client.post(url, {**_all_values(check_round), "submit": "1"})
    again = client.get(url)

    assert again.status_code == 410
    assert "Sie haben in dieser Runde schon geantwortet." in again.content.decode()
    assert Response.objects.get().user_id is None


def test_links_only_by_team_managers(check_round, volunteer):
    with pytest.raises(NotFound):
        _links(check_round, volunteer)


def test_link_count_is_bounded(check_round, coordinator):
    with pytest.raises(DomainError):
        _links(check_round, coordinator, count=101)


def test_only_one_open_round_at_a_time(team, coordinator, check_round):
    with pytest.raises(DomainError):
        services.start_round(team, actor=coordinator)


# --- Scopes ---------------------------------------------------------------------------------


@pytest.fixture
def visible_round(check_round):
    for _i in range(3):
        answer(check_round, group="hauptamt", value=4)
    return check_round


def _team_urls(check_round):
    team = check_round.team
    return [
        reverse("guide:team", args=[team.pk]),
        reverse("guide:round", args=[check_round.pk]),
        reverse("guide:results", args=[check_round.pk]),
        reverse("guide:results_pdf", args=[check_round.pk]),
        reverse("guide:plan", args=[team.pk]),
    ]


def test_team_pages_are_hidden_from_everyone_outside(
    client, visible_round, volunteer, network_staff, agency_staff
):
    urls = _team_urls(visible_round)

    for user in (volunteer, network_staff, agency_staff):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404] * 5


def test_anonymous_visitors_are_sent_to_login(client, visible_round):
    assert {client.get(url).status_code for url in _team_urls(visible_round)} == {302}


def test_members_see_results_but_cannot_manage(client, visible_round, volunteer):
    add_member(visible_round.team, volunteer, group="ehrenamt")
    client.force_login(volunteer)

    results_page = client.get(reverse("guide:results", args=[visible_round.pk]))
    add = client.post(
        reverse("guide:plan", args=[visible_round.team_id]), {"title": "x", "owner": "y"}
    )
    links = client.post(
        reverse("guide:round_links", args=[visible_round.pk]),
        {"group": "ehrenamt", "count": 1, "valid_days": 5},
    )

    assert results_page.status_code == 200
    assert add.status_code == 403  # a member sees the team but does not lead the check
    assert links.status_code == 403
    assert Measure.objects.count() == 0


def test_facilitating_agency_sees_results_only_when_allowed(
    client, visible_round, agency, agency_staff, coordinator
):
    team = visible_round.team
    services.update_team_settings(
        team, facilitating_agency=agency, agency_may_view=False, actor=coordinator
    )
    client.force_login(agency_staff)
    url = reverse("guide:results", args=[visible_round.pk])

    denied = client.get(url).status_code
    services.update_team_settings(
        team, facilitating_agency=agency, agency_may_view=True, actor=coordinator
    )
    allowed = client.get(url).status_code
    manage = client.post(
        reverse("guide:plan", args=[team.pk]), {"title": "x", "owner": "y"}
    ).status_code

    assert (denied, allowed, manage) == (404, 200, 403)


def test_other_agency_never_sees_results(client, visible_round, agency, other_agency, coordinator):
    services.update_team_settings(
        visible_round.team, facilitating_agency=agency, agency_may_view=True, actor=coordinator
    )
    other_staff = AgencyMembershipFactory(agency=other_agency).user
    client.force_login(other_staff)

    assert client.get(reverse("guide:results", args=[visible_round.pk])).status_code == 404


def test_results_page_never_shows_single_answers(client, check_round, coordinator):
    answer(check_round, group="hauptamt", value=5)
    answer(check_round, group="hauptamt", value=5)
    client.force_login(coordinator)

    html = client.get(reverse("guide:results", args=[check_round.pk])).content.decode()

    assert "Noch kein Ergebnis: Es fehlt noch 1 Antwort." in html
    assert "<svg" not in html
    assert "5,0" not in html


def test_results_page_shows_chart_table_and_summary(client, visible_round, coordinator, episodes):
    client.force_login(coordinator)

    html = client.get(reverse("guide:results", args=[visible_round.pk])).content.decode()

    assert 'role="img"' in html
    assert 'id="profile-table"' in html
    assert "3 Personen haben geantwortet." in html
    assert "Getrennte Ergebnisse für Haupt- und Ehrenamt zeigen wir erst" in html


def test_coordinator_creates_team_only_for_own_organization(coordinator, organization):
    other = organization.__class__.objects.create(
        name="Fremd e.V.", slug="fremd", postal_code="35037"
    )

    with pytest.raises(NotFound):
        services.create_team(name="T", group="hauptamt", actor=coordinator, organization=other)


def test_team_create_view(client, coordinator, organization, reference):
    client.force_login(coordinator)

    response = client.post(
        reverse("guide:team_create"),
        {"name": "Tafel-Team", "place": f"o{organization.pk}", "group": "hauptamt"},
    )
    bad = client.post(
        reverse("guide:team_create"), {"name": "Fremd", "place": "o999999", "group": "hauptamt"}
    )

    team = Team.objects.get(name="Tafel-Team")
    assert response["Location"] == team.get_absolute_url()
    assert team.members.get().is_manager is True
    assert team.state.code == "06"
    assert bad.status_code == 200
    assert 'value="Fremd"' in bad.content.decode()


def test_volunteer_cannot_create_teams(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("guide:team_create")).status_code == 403


# --- Plan and PDF ---------------------------------------------------------------------------


def test_manager_adds_measures_and_changes_status(client, visible_round, coordinator):
    client.force_login(coordinator)
    url = reverse("guide:plan", args=[visible_round.team_id])

    client.post(
        url,
        {
            "title": "Feste Ansprechperson benennen",
            "owner": "Klaus",
            "due_date": "2027-02-01",
            "dimension_key": "einarbeitung",
        },
    )
    empty = client.post(url, {"title": "", "owner": ""})
    measure = Measure.objects.get()
    client.post(
        reverse("guide:measure_status", args=[measure.pk]), {f"m{measure.pk}-status": "done"}
    )

    measure.refresh_from_db()
    assert (measure.owner, str(measure.due_date), measure.status, measure.check_round_id) == (
        "Klaus",
        "2027-02-01",
        "done",
        visible_round.pk,
    )
    assert empty.status_code == 200
    assert empty.context["form"].errors["title"]


def test_pdf_contains_results_and_plan(client, visible_round, coordinator):
    services.add_measure(
        visible_round.team, title="Austauschtreffen", owner="Anna", actor=coordinator
    )
    client.force_login(coordinator)

    response = client.get(reverse("guide:results_pdf", args=[visible_round.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 10_000


@pytest.mark.parametrize("count", [1, 3])
def test_plan_query_count_is_flat(
    client, visible_round, coordinator, count, django_assert_num_queries
):
    for n in range(count):
        services.add_measure(visible_round.team, title=f"M{n}", owner="A", actor=coordinator)
    client.force_login(coordinator)
    client.get("/")

    # 7 for the page, 4 for the header: the workspace entries ask permissions (roles: 3),
    # the unread messages badge (1).
    with django_assert_num_queries(11):
        response = client.get(reverse("guide:plan", args=[visible_round.team_id]))

    assert len(response.context["measures"]) == count


# --- Network --------------------------------------------------------------------------------


def _teams_with_results(n, organization_factory):
    from tests.factories import OrganizationMembershipFactory

    for i in range(n):
        membership = OrganizationMembershipFactory()
        team = make_team(membership.user, membership.organization, name=f"Team {i}")
        check_round = services.start_round(team, actor=membership.user)
        for _j in range(3):
            answer(check_round, group="hauptamt", value=2, per_dimension={"anerkennung": 4})


def test_aggregates_need_five_teams(client, network_staff, reference):
    _teams_with_results(4, None)
    client.force_login(network_staff)

    four = client.get(reverse("guide:aggregates"))
    _teams_with_results(1, None)
    five = client.get(reverse("guide:aggregates"))

    assert four.context["rows"] == []
    assert "weniger als 5 Teams" in four.content.decode()
    assert [(r.key, r.teams, r.overall, r.hauptamt) for r in five.context["rows"]][-1] == (
        "anerkennung",
        5,
        4.0,
        None,
    )
    assert len(five.context["rows"]) == 7


def test_aggregates_are_scoped_to_the_network_state(reference):
    _teams_with_results(5, None)

    assert results.statewide_aggregates(state_ids={None})
    assert results.statewide_aggregates(state_ids={999}) == []


def test_aggregates_only_for_network_staff(client, coordinator, agency_staff):
    for user in (coordinator, agency_staff):
        client.force_login(user)
        assert client.get(reverse("guide:aggregates")).status_code == 403


# --- Questionnaire editing ------------------------------------------------------------------


def test_network_staff_drafts_edits_and_publishes_a_new_version(client, network_staff, check_round):
    client.force_login(network_staff)

    client.post(reverse("guide:questionnaires"))
    from ehrensache.guide.models import Questionnaire

    draft = Questionnaire.objects.get(status="draft")
    dimension = draft.dimensions.get(key="konflikte")
    client.post(
        reverse("guide:questionnaire", args=[draft.pk]),
        {"dimension": dimension.pk, "text": "Wir lachen auch zusammen.", "position": 9},
    )
    client.post(reverse("guide:questionnaire", args=[draft.pk]), {"publish": "1"})

    draft.refresh_from_db()
    assert draft.status == "published"
    assert Statement.objects.filter(dimension__questionnaire=draft).count() == 26
    assert (
        Statement.objects.filter(dimension__questionnaire=check_round.questionnaire).count() == 25
    )
    assert services.current_questionnaire() == draft


def test_published_versions_cannot_be_edited(client, network_staff, reference):
    client.force_login(network_staff)
    statement = Statement.objects.first()

    assert client.get(reverse("guide:statement_edit", args=[statement.pk])).status_code == 404


def test_questionnaire_editor_is_for_network_staff_only(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("guide:questionnaires")).status_code == 403
    assert client.post(reverse("guide:questionnaires")).status_code == 403


# --- Dashboard ------------------------------------------------------------------------------


def test_dashboard_lists_the_coordinators_teams(client, team, coordinator):
    client.force_login(coordinator)
    organization_id = coordinator.organization_memberships.get().organization_id

    html = client.get(reverse("workspaces:coordinator", args=[organization_id])).content.decode()

    assert "Kooperations-Check" in html
    assert team.name in html


def test_dashboard_has_no_check_section_for_plain_volunteers(client, volunteer, reference):
    client.force_login(volunteer)

    html = client.get(reverse("workspaces:volunteer")).content.decode()

    assert "dashboard-check-heading" not in html


def test_network_staff_is_not_a_team_member(network_staff):
    NetworkMembershipFactory(user=UserFactory())

    assert not Team.objects.filter(members__user=network_staff).exists()


def test_agency_staff_creates_a_facilitated_team(agency, agency_staff, reference):
    team = services.create_team(
        name="Gemischte Gruppe", group="hauptamt", actor=agency_staff, facilitating_agency=agency
    )

    assert (team.organization, team.facilitating_agency, team.state.code) == (None, agency, "06")
    assert team.members.get().user == agency_staff


def test_last_manager_cannot_be_removed(team, coordinator):
    with pytest.raises(DomainError):
        services.remove_team_member(team.members.get(), actor=coordinator)


def test_manager_invites_by_email_and_the_person_is_not_added_yet(
    client, team, coordinator, volunteer
):
    client.force_login(coordinator)
    url = reverse("guide:member_add", args=[team.pk])

    response = client.post(url, {"email": volunteer.email, "group": "ehrenamt"})
    invalid = client.post(url, {"email": "kein-at-zeichen", "group": "ehrenamt"})

    assert response.status_code == 302
    assert not team.members.filter(user=volunteer).exists()
    assert 'value="kein-at-zeichen"' in invalid.content.decode()


def test_aggregates_take_a_fixed_number_of_queries(reference, django_assert_num_queries):
    _teams_with_results(5, None)

    with django_assert_num_queries(3):
        rows = results.statewide_aggregates(state_ids={None})

    assert len(rows) == 7


def test_aggregates_split_groups_only_from_teams_with_separate_results(reference):
    from tests.factories import OrganizationMembershipFactory

    for i in range(5):
        membership = OrganizationMembershipFactory()
        team = make_team(membership.user, membership.organization, name=f"Gemischt {i}")
        check_round = services.start_round(team, actor=membership.user)
        for _j in range(3):
            answer(check_round, group="hauptamt", value=4)
            answer(check_round, group="ehrenamt", value=2)

    row = results.statewide_aggregates(state_ids={None})[0]

    assert (row.teams, row.overall, row.hauptamt, row.ehrenamt) == (5, 3.0, 4.0, 2.0)
