"""Guide and Kooperations-Check test data, built through the services where it matters."""

from ehrensache.guide import services
from ehrensache.guide.content import ensure_reference_data
from ehrensache.guide.models import Response, Statement, Team, TeamMember


def make_team(coordinator, organization, *, name="Team Lernhilfe", group="hauptamt") -> Team:
    ensure_reference_data()
    return services.create_team(
        name=name, group=group, actor=coordinator, organization=organization
    )


def answer(check_round, *, group, value=3, per_dimension=None, submit=True) -> Response:
    """One response through a fresh token; ``per_dimension`` maps dimension key -> value."""
    manager = check_round.team.members.filter(is_manager=True).first().user
    [token] = services.create_answer_links(
        check_round, group=group, count=1, valid_days=7, actor=manager
    )
    invitation = services.invitation_for_token(token)
    response = services.response_for_invitation(invitation)
    per_dimension = per_dimension or {}
    values = {
        s.pk: per_dimension.get(s.dimension.key, value)
        for s in Statement.objects.filter(
            dimension__questionnaire=check_round.questionnaire
        ).select_related("dimension")
    }
    return services.save_answers(response, values=values, submit=submit)


def add_member(team, user, *, group="ehrenamt", is_manager=False) -> TeamMember:
    return TeamMember.objects.create(team=team, user=user, group=group, is_manager=is_manager)
