"""Scoped reads of the guide and the Kooperations-Check."""

from django.db.models import Count, Prefetch, Q

from ehrensache.accounts.roles import roles_of
from ehrensache.core.permissions import can
from ehrensache.core.search import full_text_filter

from .models import CheckRound, Dimension, Episode, Team, TeamMember


def episodes_visible_to(user):
    if can(user, "guide.edit_episodes"):
        return Episode.objects.all()
    return Episode.objects.filter(is_published=True)


def filter_episodes(queryset, *, q="", audience="", situation=None, topic=None):
    if audience:
        queryset = queryset.filter(**{f"for_{audience}": True})
    if situation is not None:
        queryset = queryset.filter(situations=situation)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    return full_text_filter(queryset.order_by("number"), q)


def episode_list(queryset):
    return queryset.prefetch_related("topics", "situations")


def episode_detail(*, user, number):
    return (
        episodes_visible_to(user)
        .prefetch_related(
            "topics",
            "situations",
            Prefetch("related", queryset=Episode.objects.filter(is_published=True)),
        )
        .filter(number=number)
        .first()
    )


def teams_visible_to(user):
    """Teams the person belongs to, plus those whose facilitating agency they staff and
    that allowed the agency to look."""
    if not user.is_authenticated:
        return Team.objects.none()
    condition = Q(members__user=user)
    agency_ids = roles_of(user).agency_ids
    if agency_ids:
        condition |= Q(facilitating_agency_id__in=agency_ids, agency_may_view=True)
    return (
        Team.objects.filter(condition)
        .distinct()
        .select_related("organization", "facilitating_agency")
        .annotate(round_count=Count("rounds", distinct=True))
        .order_by("name", "pk")
    )


def team_detail(pk):
    return Team.objects.select_related("organization", "facilitating_agency").filter(pk=pk).first()


def team_members(team):
    return TeamMember.objects.filter(team=team).select_related("user").order_by("group", "pk")


def team_rounds(team):
    return (
        CheckRound.objects.filter(team=team)
        .select_related("questionnaire")
        .annotate(submitted=Count("responses", filter=Q(responses__submitted_on__isnull=False)))
        .order_by("-number")
    )


def round_detail(pk):
    return (
        CheckRound.objects.select_related(
            "team__organization", "team__facilitating_agency", "questionnaire"
        )
        .filter(pk=pk)
        .first()
    )


def questionnaire_dimensions(questionnaire):
    return (
        Dimension.objects.filter(questionnaire=questionnaire)
        .prefetch_related("statements")
        .order_by("position", "pk")
    )


def organizations_for_new_team(user):
    """The organizations the person may create a Kooperations-Check team for."""
    from ehrensache.organizations.models import Organization

    return Organization.objects.filter(pk__in=roles_of(user).organization_ids).order_by("name")


def agencies_for_new_team(user):
    """The agencies the person may facilitate a Kooperations-Check team for."""
    from ehrensache.agencies.models import Agency

    return Agency.objects.filter(pk__in=roles_of(user).agency_ids).order_by("name")


def statewide_aggregates_for(user):
    """The statewide aggregates of the states the person is network staff for."""
    from .results import statewide_aggregates

    return statewide_aggregates(state_ids=roles_of(user).network_state_ids)
