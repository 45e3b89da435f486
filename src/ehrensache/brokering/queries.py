"""Scoped reads of the brokering app. Every function answers only with what ``user`` may see;
everything a list template touches is fetched with ``select_related`` once."""

from datetime import date

from django.db.models import Case, Count, Q, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.accounts.roles import roles_of
from ehrensache.core.errors import NotFound
from ehrensache.core.geo import bounding_box, haversine_km
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization

from .matching import Match, rank, score_match
from .models import Conversation, FollowUp, Interest, InterestStatusChange, VolunteerProfile

CANDIDATE_LIMIT = 300
_AGENCY_HOLDS = (Interest.Route.AGENCY, Interest.Route.CONTACT)
MAX_TRAVEL_KM = 100

_INTEREST_RELATED = (
    "opportunity",
    "opportunity__organization",
    "volunteer",
    "agency",
    "conversation",
    "routed_agency",
)


def _interests():
    return Interest.objects.select_related(*_INTEREST_RELATED)


def interests_of_volunteer(user):
    """ "Meine Anfragen": only the person's own."""
    return _interests().filter(volunteer=user)


def inbox_for(user, *, organization_id=None, status=None):
    """The coordinator's inbox: interests in their organizations' opportunities."""
    ids = roles_of(user).organization_ids
    if organization_id is not None:
        ids = ids & {organization_id}
    qs = _interests().filter(opportunity__organization_id__in=ids)
    if status:
        qs = qs.filter(status=status)
    return qs


def referrals_of_agency(user, *, agency_id):
    if agency_id not in roles_of(user).agency_ids:
        return Interest.objects.none()
    return _interests().filter(agency_id=agency_id)


def agencies_staffed_by(user):
    """The agencies ``user`` works for, by name."""
    from ehrensache.agencies.models import Agency

    return Agency.objects.filter(pk__in=roles_of(user).agency_ids).order_by("name")


def _held_by_network(roles) -> Q:
    if not roles.network_state_ids:
        return Q(pk__in=[])
    held = Q(routed_to=Interest.Route.NETWORK)
    if None in roles.network_state_ids:
        return held
    states = [s for s in roles.network_state_ids if s]
    return held & Q(opportunity__organization__district__state_id__in=states)


def interests_visible_to(user):
    roles = roles_of(user)
    if not user.is_authenticated:
        return Interest.objects.none()
    return _interests().filter(
        Q(volunteer=user)
        | Q(opportunity__organization_id__in=roles.organization_ids)
        | Q(agency_id__in=roles.agency_ids)
        | Q(routed_agency_id__in=roles.agency_ids)
        | _held_by_network(roles)
    )


def interests_routed_to(user, *, held_only=False):
    """Interests routed to the person's agencies (or, with no agency responsible, to their
    network): those they hold while nobody coordinates the organization first, then the
    ones a coordinator took over (read only), newest first."""
    roles = roles_of(user)
    held = Q(routed_agency_id__in=roles.agency_ids, routed_to__in=_AGENCY_HOLDS) | (
        _held_by_network(roles)
    )
    condition = held if held_only else held | Q(routed_agency_id__in=roles.agency_ids)
    return (
        _interests()
        .filter(condition)
        .annotate(held=Case(When(held, then=0), default=1))
        .order_by("held", "-created_at", "-pk")
    )


def interest_for(user, pk):
    """One interest ``user`` may see, with its history; 404 otherwise."""
    interest = interests_visible_to(user).filter(pk=pk).first()
    if interest is None:
        raise NotFound(_("Diese Anfrage gibt es nicht."))
    return interest


def history_of(interest):
    return list(InterestStatusChange.objects.filter(interest=interest).select_related("changed_by"))


def conversations_visible_to(user, *, agency_id=None):
    ids = roles_of(user).agency_ids
    if agency_id is not None:
        ids = ids & {agency_id}
    return Conversation.objects.filter(agency_id__in=ids).select_related(
        "agency", "staff", "volunteer"
    )


def conversation_for(user, pk):
    conversation = conversations_visible_to(user).filter(pk=pk).first()
    if conversation is None:
        raise NotFound(_("Dieses Gespräch gibt es nicht."))
    return conversation


def follow_ups_visible_to(user, *, open_only=False):
    qs = FollowUp.objects.filter(agency_id__in=roles_of(user).agency_ids).select_related(
        "agency",
        "interest",
        "interest__opportunity",
        "interest__opportunity__organization",
        "interest__volunteer",
        "interest__conversation",
    )
    if open_only:
        qs = qs.filter(answered_at__isnull=True)
    return qs


def follow_up_for(user, pk):
    follow_up = follow_ups_visible_to(user).filter(pk=pk).first()
    if follow_up is None:
        raise NotFound(_("Diese Nachfrage gibt es nicht."))
    return follow_up


def public_opportunities():
    return Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED, organization__status=Organization.Status.CONFIRMED
    ).select_related("organization")


def recommendations_for(profile: VolunteerProfile, *, limit=50) -> list[Match]:
    """ "Für Sie": public opportunities ranked by ``score_match`` (two queries).

    Candidates: within the person's travel distance (bounding box, then exact), plus remote
    ones; without a home postal code, those in the person's fields. Opportunities the person
    already asked about are left out.
    """
    qs = public_opportunities().exclude(interests__volunteer_id=profile.user_id)
    if profile.has_place:
        box = bounding_box(profile.latitude, profile.longitude, profile.travel_km)
        qs = qs.filter(
            Q(
                on_site=True,
                latitude__range=(box.min_lat, box.max_lat),
                longitude__range=(box.min_lon, box.max_lon),
            )
            | Q(remote=True)
        )
    elif profile.interests:
        qs = qs.filter(field__in=profile.interests)
    else:
        return []
    # Fields of interest first, so the candidate limit never cuts them off.
    in_field = Case(When(field__in=profile.interests or [""], then=0), default=1)
    candidates = list(qs.order_by(in_field, "-published_at", "-pk")[:CANDIDATE_LIMIT])
    return rank([score_match(profile, o) for o in candidates])[:limit]


def candidates_for(opportunity, *, limit=50) -> list[Match]:
    """People who consented to be found, ranked for ``opportunity`` (one query)."""
    qs = VolunteerProfile.objects.filter(findable=True, user__is_active=True).select_related("user")
    qs = qs.exclude(user__interests__opportunity=opportunity)
    if opportunity.on_site and opportunity.latitude is not None and not opportunity.remote:
        box = bounding_box(opportunity.latitude, opportunity.longitude, MAX_TRAVEL_KM)
        qs = qs.filter(
            latitude__range=(box.min_lat, box.max_lat),
            longitude__range=(box.min_lon, box.max_lon),
        )
    matches = []
    for profile in qs.order_by("-findable_since")[:CANDIDATE_LIMIT]:
        distance = None
        if profile.has_place and opportunity.latitude is not None:
            distance = haversine_km(
                profile.latitude, profile.longitude, opportunity.latitude, opportunity.longitude
            )
        match = score_match(profile, opportunity, distance_km=distance)
        if match is not None:
            match.item = profile
            matches.append(match)
    kept = [m for m in matches if m.score > 0]
    kept.sort(key=lambda m: (-m.score, m.distance_km if m.distance_km is not None else 1e9))
    return kept[:limit]


def monthly_counts(agency_id: int, *, since: date, until: date) -> list[dict]:
    """Conversations, referrals and starts (of referrals) per month, for statistics.

    Returns one dict per month from ``since`` to ``until`` (inclusive), zeros included:
    ``{"month": date(2026, 5, 1), "conversations": 3, "referrals": 2, "starts": 1}``.
    Three grouped queries, whatever the period.
    """
    tz = timezone.get_current_timezone()

    def trunc(field):
        return TruncMonth(field) if field == "held_on" else TruncMonth(field, tzinfo=tz)

    def months(qs, field):
        return {
            row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
            for row in qs.annotate(month=trunc(field))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        }

    conversations = months(
        Conversation.objects.filter(agency_id=agency_id, held_on__range=(since, until)),
        "held_on",
    )
    referrals = months(
        Interest.objects.filter(agency_id=agency_id, created_at__date__range=(since, until)),
        "created_at",
    )
    starts = months(
        InterestStatusChange.objects.filter(
            interest__agency_id=agency_id,
            status=Interest.Status.STARTED,
            changed_at__date__range=(since, until),
        ),
        "changed_at",
    )
    rows = []
    month = since.replace(day=1)
    while month <= until:
        rows.append(
            {
                "month": month,
                "conversations": conversations.get(month, 0),
                "referrals": referrals.get(month, 0),
                "starts": starts.get(month, 0),
            }
        )
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return rows


SUGGESTION_TRAVEL_KM = 25


def suggestions_for_conversation(conversation, *, q: str = "", limit=20) -> list[Match]:
    """Opportunities to suggest after a counselling conversation: the person's fields near
    their postal code (or their profile's), optionally narrowed by a search term."""
    from ehrensache.core.text import fold

    from .services import locate_postal_code

    profile = VolunteerProfile(interests=conversation.interests, travel_km=SUGGESTION_TRAVEL_KM)
    own = None
    if conversation.volunteer_id:
        own = VolunteerProfile.objects.filter(user_id=conversation.volunteer_id).first()
    point = locate_postal_code(conversation.guest_postal_code)
    if point is not None:
        profile.latitude, profile.longitude = point.latitude, point.longitude
    elif own is not None and own.has_place:
        profile.latitude, profile.longitude = own.latitude, own.longitude
        profile.travel_km = own.travel_km
    if own is not None:
        profile.weekdays, profile.times_of_day = own.weekdays, own.times_of_day
        profile.hours_per_week = own.hours_per_week

    qs = public_opportunities().exclude(interests__conversation=conversation)
    if conversation.volunteer_id:
        qs = qs.exclude(interests__volunteer_id=conversation.volunteer_id)
    term = fold(q)[:100]
    if term:
        qs = qs.filter(Q(search_title__contains=term) | Q(search_body__contains=term))
    if profile.has_place:
        box = bounding_box(profile.latitude, profile.longitude, profile.travel_km)
        qs = qs.filter(
            Q(
                on_site=True,
                latitude__range=(box.min_lat, box.max_lat),
                longitude__range=(box.min_lon, box.max_lon),
            )
            | Q(remote=True)
        )
    elif profile.interests and not term:
        qs = qs.filter(field__in=profile.interests)
    elif not term:
        return []
    in_field = Case(When(field__in=profile.interests or [""], then=0), default=1)
    candidates = list(qs.order_by(in_field, "-published_at", "-pk")[:CANDIDATE_LIMIT])
    matches = [score_match(profile, o) for o in candidates]
    if term:
        # A search term is a choice of its own: keep hits even without other reasons.
        for match in matches:
            if match is not None and match.score == 0:
                match.score = 1
    return rank(matches)[:limit]
