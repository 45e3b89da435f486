"""Explainable matching between a volunteer's profile and an opportunity.

``score_match`` is the one place that decides how well an opportunity fits a person. It
returns a score and the reasons that produced it, in the order a person reads them
("Sport · 4 km · samstags"). No hidden weights elsewhere: the figures below are the whole
model, and the tests pin them.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ehrensache.core.geo import haversine_km
from ehrensache.core.taxonomy import TIME_OF_DAY_FIELDS, WEEKDAY_FIELDS, FieldOfActivity

from .models import TIME_OF_DAY_ADVERBS, WEEKDAY_ADVERBS, TimeOfDay, Weekday

# Points per criterion. A matching field of activity weighs most; being close is next.
FIELD_POINTS = 40
DISTANCE_POINTS = 30  # full points at 0 km, falling linearly to 0 at the travel limit
REMOTE_POINTS = 15
WEEKDAY_POINTS = 10
TIME_OF_DAY_POINTS = 10
HOURS_POINTS = 10

WEEKDAY_TO_FIELD = dict(zip(Weekday.values, WEEKDAY_FIELDS, strict=True))
TIME_OF_DAY_TO_FIELD = dict(zip(TimeOfDay.values, TIME_OF_DAY_FIELDS, strict=True))


@dataclass
class Match:
    """One ranked item: the thing matched, its score (0–100) and the reasons shown."""

    item: object
    score: int
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None

    @property
    def reasons_text(self) -> str:
        return " · ".join(self.reasons)


def opportunity_weekdays(opportunity) -> list[str]:
    return [code for code, name in WEEKDAY_TO_FIELD.items() if getattr(opportunity, name, False)]


def opportunity_times_of_day(opportunity) -> list[str]:
    return [
        code for code, name in TIME_OF_DAY_TO_FIELD.items() if getattr(opportunity, name, False)
    ]


def _distance(profile, opportunity) -> float | None:
    if profile.latitude is None or opportunity.latitude is None:
        return None
    return haversine_km(
        profile.latitude, profile.longitude, opportunity.latitude, opportunity.longitude
    )


def format_km(km: float) -> str:
    return _("%(km)s km") % {"km": f"{km:.0f}" if km >= 1 else "< 1"}


def score_match(profile, opportunity, *, distance_km: float | None = None) -> Match | None:
    """How well ``opportunity`` fits ``profile``; ``None`` when it is out of reach.

    Out of reach: an on-site opportunity farther than the person would travel. Without a home
    postal code distance is not scored at all (and not a reason to exclude).
    """
    if distance_km is None:
        distance_km = _distance(profile, opportunity)
    remote = opportunity.remote
    on_site = opportunity.on_site and opportunity.latitude is not None
    reasons: list[str] = []
    score = 0

    field_code = opportunity.field
    if field_code in (profile.interests or []):
        score += FIELD_POINTS
        reasons.append(str(FieldOfActivity(field_code).label))

    if distance_km is not None and on_site and distance_km <= profile.travel_km:
        share = 1 - distance_km / max(profile.travel_km, 1)
        score += round(DISTANCE_POINTS * share)
        reasons.append(format_km(distance_km))
    elif remote:
        score += REMOTE_POINTS
        reasons.append(_("von zu Hause aus"))
    elif distance_km is not None and on_site:
        return None

    days = [d for d in opportunity_weekdays(opportunity) if d in (profile.weekdays or [])]
    if days:
        score += WEEKDAY_POINTS
        reasons.append(", ".join(str(WEEKDAY_ADVERBS[d]) for d in days))

    times = [t for t in opportunity_times_of_day(opportunity) if t in (profile.times_of_day or [])]
    if times:
        score += TIME_OF_DAY_POINTS
        reasons.append(", ".join(str(TIME_OF_DAY_ADVERBS[t]) for t in times))

    wanted = opportunity.hours_per_week
    if profile.hours_per_week and wanted and wanted <= profile.hours_per_week:
        score += HOURS_POINTS
        reasons.append(_("%(hours)s Std./Woche") % {"hours": f"{float(wanted):g}"})

    return Match(item=opportunity, score=score, reasons=reasons, distance_km=distance_km)


def rank(matches: list[Match | None]) -> list[Match]:
    """Best first; ties: nearer first, then newer (higher pk) first."""
    kept = [m for m in matches if m is not None and m.score > 0]
    return sorted(
        kept,
        key=lambda m: (
            -m.score,
            m.distance_km if m.distance_km is not None else 1e9,
            -m.item.pk,
        ),
    )
