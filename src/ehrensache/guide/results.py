"""Results of the Kooperations-Check: anonymous by construction.

Rules (``min_group_size()`` = T, at least 3):
- no profile at all until T responses are submitted;
- Hauptamt and Ehrenamt are shown side by side only when every group that answered has at
  least T responses (otherwise a small group could be computed from the total minus the
  other group); below that only the whole team's view is shown;
- only means per dimension, never single answers or statements.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Answer, CheckRound, Dimension, Episode, Group, Response
from .services import min_group_size

GROUPS = [Group.HAUPTAMT, Group.EHRENAMT]
WEAK_BELOW = 3.5


@dataclass
class DimensionResult:
    key: str
    name: str
    description: str
    topic_id: int | None
    overall: float
    by_group: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        if len(self.by_group) < 2:
            return None
        return round(self.by_group[Group.HAUPTAMT] - self.by_group[Group.EHRENAMT], 2)

    @property
    def abs_gap(self) -> float:
        return abs(self.gap or 0)

    @property
    def hauptamt(self):
        return self.by_group.get(Group.HAUPTAMT)

    @property
    def ehrenamt(self):
        return self.by_group.get(Group.EHRENAMT)


@dataclass
class Profile:
    check_round: CheckRound
    threshold: int
    responses: int
    visible: bool
    split: bool
    group_counts: dict[str, int]
    dimensions: list[DimensionResult]

    @property
    def missing(self) -> int:
        return max(0, self.threshold - self.responses)

    @property
    def weakest(self) -> list[DimensionResult]:
        """The dimension with the lowest whole-team mean, and the next one if it is also
        below 3.5 (so a tie of good values does not pick an arbitrary second)."""
        ranked = sorted(self.dimensions, key=lambda d: (d.overall, d.name))
        return ranked[:1] + [d for d in ranked[1:2] if d.overall < WEAK_BELOW]

    @property
    def biggest_gaps(self) -> list[DimensionResult]:
        """Up to two dimensions where the groups differ by at least half a point."""
        if not self.split:
            return []
        gaps = [d for d in self.dimensions if d.abs_gap >= 0.5]
        return sorted(gaps, key=lambda d: (-d.abs_gap, d.name))[:2]

    def by_key(self) -> dict[str, DimensionResult]:
        return {d.key: d for d in self.dimensions}

    @property
    def summary(self) -> list[str]:
        return plain_language_summary(self)


def _mean(total, count) -> float:
    return round(total / count, 2) if count else 0.0


def round_profile(check_round: CheckRound) -> Profile:
    """The anonymous profile of a round (3 queries)."""
    threshold = min_group_size()
    counts = dict(
        Response.objects.filter(check_round=check_round, submitted_on__isnull=False)
        .values_list("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    group_counts = {g.value: counts.get(g.value, 0) for g in GROUPS}
    responses = sum(group_counts.values())
    visible = responses >= threshold
    answered = [n for n in group_counts.values() if n > 0]
    split = visible and len(answered) == len(GROUPS) and min(answered) >= threshold
    dimensions = []
    if visible:
        rows = (
            Answer.objects.filter(
                response__check_round=check_round, response__submitted_on__isnull=False
            )
            .values("statement__dimension_id", "response__group")
            .annotate(total=Sum("value"), n=Count("pk"))
            .order_by()
        )
        sums: dict[int, dict[str, tuple[int, int]]] = {}
        for row in rows:
            sums.setdefault(row["statement__dimension_id"], {})[row["response__group"]] = (
                row["total"],
                row["n"],
            )
        for dimension in Dimension.objects.filter(questionnaire_id=check_round.questionnaire_id):
            parts = sums.get(dimension.pk, {})
            total = sum(t for t, _n in parts.values())
            count = sum(n for _t, n in parts.values())
            by_group = {}
            if split:
                by_group = {g.value: _mean(*parts.get(g.value, (0, 0))) for g in GROUPS}
            dimensions.append(
                DimensionResult(
                    key=dimension.key,
                    name=dimension.name,
                    description=dimension.description,
                    topic_id=dimension.topic_id,
                    overall=_mean(total, count),
                    by_group=by_group,
                )
            )
    return Profile(
        check_round=check_round,
        threshold=threshold,
        responses=responses,
        visible=visible,
        split=split,
        group_counts=group_counts if split else {},
        dimensions=dimensions,
    )


def _level(value: float) -> str:
    if value >= 4.0:
        return _("gut")
    if value >= 3.0:
        return _("mittel")
    return _("schwach")


def plain_language_summary(profile: Profile) -> list[str]:
    if not profile.visible:
        return []
    sentences = [
        ngettext(
            "%(n)s Person hat geantwortet.", "%(n)s Personen haben geantwortet.", profile.responses
        )
        % {"n": profile.responses}
    ]
    best = max(profile.dimensions, key=lambda d: (d.overall, d.name))
    sentences.append(
        _("Am besten bewertet Ihr Team „%(name)s“ (%(value)s von 5, %(level)s).")
        % {"name": best.name, "value": _number(best.overall), "level": _level(best.overall)}
    )
    weakest = profile.weakest[0]
    sentences.append(
        _("Am meisten Luft nach oben gibt es bei „%(name)s“ (%(value)s von 5, %(level)s).")
        % {
            "name": weakest.name,
            "value": _number(weakest.overall),
            "level": _level(weakest.overall),
        }
    )
    if profile.split:
        gaps = profile.biggest_gaps
        if gaps:
            gap = gaps[0]
            higher, lower = (
                (_("Hauptamtliche"), _("Ehrenamtliche"))
                if gap.gap > 0
                else (_("Ehrenamtliche"), _("Hauptamtliche"))
            )
            sentences.append(
                _(
                    "Am weitesten auseinander liegen die Sichtweisen bei „%(name)s“: "
                    "%(higher)s sehen es um %(diff)s Punkte besser als %(lower)s."
                )
                % {
                    "name": gap.name,
                    "higher": higher,
                    "lower": lower,
                    "diff": _number(gap.abs_gap),
                }
            )
        else:
            sentences.append(
                _(
                    "Haupt- und Ehrenamtliche sehen die Zusammenarbeit ähnlich (Unterschiede unter 0,5 Punkten)."
                )
            )
    else:
        sentences.append(
            _(
                "Getrennte Ergebnisse für Haupt- und Ehrenamt zeigen wir erst, wenn in jeder "
                "Gruppe mindestens %(n)s Personen geantwortet haben."
            )
            % {"n": profile.threshold}
        )
    return sentences


def _number(value: float) -> str:
    """One decimal, localised, rounded exactly like the ``floatformat`` of the tables."""
    from django.template.defaultfilters import floatformat

    return floatformat(value, 1)


def recommended_episodes(profile: Profile, *, limit: int = 4) -> list[tuple[DimensionResult, list]]:
    """Episodes for the weakest dimensions and the biggest gaps (via the dimension's topic)."""
    focus = []
    for dimension in [*profile.weakest, *profile.biggest_gaps]:
        if dimension.key not in {d.key for d in focus}:
            focus.append(dimension)
    topic_ids = [d.topic_id for d in focus if d.topic_id]
    episodes = list(
        Episode.objects.filter(is_published=True, topics__in=topic_ids)
        .prefetch_related("topics")
        .distinct()
        .order_by("number")
    )
    result = []
    for dimension in focus:
        matching = [e for e in episodes if dimension.topic_id in {t.pk for t in e.topics.all()}]
        result.append((dimension, matching[:limit]))
    return result


@dataclass
class Change:
    key: str
    name: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 2)


def compare_with_previous(profile: Profile) -> tuple[CheckRound | None, list[Change]]:
    """The change per dimension (whole team) since the team's previous visible round."""
    if not profile.visible:
        return None, []
    earlier = CheckRound.objects.filter(
        team_id=profile.check_round.team_id, number__lt=profile.check_round.number
    ).order_by("-number")
    for check_round in earlier:
        previous = round_profile(check_round)
        if previous.visible:
            before = previous.by_key()
            changes = [
                Change(d.key, d.name, before[d.key].overall, d.overall)
                for d in profile.dimensions
                if d.key in before
            ]
            return check_round, changes
    return None, []


# --- Statewide aggregates -------------------------------------------------------------------

MIN_TEAMS = 5


@dataclass
class AggregateRow:
    key: str
    name: str
    teams: int
    overall: float
    hauptamt: float | None
    ehrenamt: float | None


def statewide_aggregates(*, state_ids, min_teams: int = MIN_TEAMS):
    """Per dimension key: mean of team means over each team's latest visible round.

    ``state_ids`` containing ``None`` means nationwide. Dimensions with fewer than
    ``min_teams`` contributing teams are left out entirely.
    """
    from .models import Team

    teams = Team.objects.all()
    if None not in state_ids:
        teams = teams.filter(state_id__in=state_ids)
    threshold = min_group_size()
    rounds = (
        CheckRound.objects.filter(team__in=teams)
        .annotate(
            n=Count("responses", filter=_submitted("responses")),
        )
        .filter(n__gte=threshold)
        .order_by("team_id", "-number")
    )
    latest = {}
    for check_round in rounds:
        latest.setdefault(check_round.team_id, check_round.pk)
    round_ids = list(latest.values())
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Response.objects.filter(check_round_id__in=round_ids, submitted_on__isnull=False)
        .values("check_round_id", "group")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["check_round_id"], {})[row["group"]] = row["n"]
    split_rounds = {
        pk
        for pk, by_group in counts.items()
        if all(by_group.get(g.value, 0) >= threshold for g in GROUPS)
    }
    sums: dict[tuple[int, str], dict] = {}
    for row in (
        Answer.objects.filter(
            response__check_round_id__in=round_ids, response__submitted_on__isnull=False
        )
        .values(
            "response__check_round_id",
            "statement__dimension__key",
            "statement__dimension__name",
            "response__group",
        )
        .annotate(total=Sum("value"), n=Count("pk"))
        .order_by()
    ):
        key = (row["response__check_round_id"], row["statement__dimension__key"])
        entry = sums.setdefault(key, {"name": row["statement__dimension__name"], "groups": {}})
        entry["groups"][row["response__group"]] = (row["total"], row["n"])
    per_key: dict[str, dict] = {}
    for (round_id, key), entry in sums.items():
        groups = entry["groups"]
        bucket = per_key.setdefault(key, {"name": entry["name"], "overall": [], "h": [], "e": []})
        bucket["overall"].append(
            _mean(sum(t for t, _n in groups.values()), sum(n for _t, n in groups.values()))
        )
        if round_id in split_rounds:
            bucket["h"].append(_mean(*groups.get(Group.HAUPTAMT, (0, 0))))
            bucket["e"].append(_mean(*groups.get(Group.EHRENAMT, (0, 0))))
    rows = []
    for key, entry in per_key.items():
        if len(entry["overall"]) < min_teams:
            continue
        split = len(entry["h"]) >= min_teams
        rows.append(
            AggregateRow(
                key=key,
                name=entry["name"],
                teams=len(entry["overall"]),
                overall=round(sum(entry["overall"]) / len(entry["overall"]), 2),
                hauptamt=round(sum(entry["h"]) / len(entry["h"]), 2) if split else None,
                ehrenamt=round(sum(entry["e"]) / len(entry["e"]), 2) if split else None,
            )
        )
    return sorted(rows, key=lambda r: (r.overall, r.name))


def _submitted(prefix):
    from django.db.models import Q

    return Q(**{f"{prefix}__submitted_on__isnull": False})


# --- Chart geometry (SVG drawn by guide/components/profile_chart.html) ----------------------

CHART_LABEL_WIDTH = 230
CHART_BAR_WIDTH = 380
CHART_BAR_HEIGHT = 16


def chart(profile: Profile) -> dict:
    """Positions for a horizontal bar chart on a 0–5 scale, one row per dimension."""
    series = (
        [
            (Group.HAUPTAMT, _("Hauptamt"), "chart-bar--hauptamt"),
            (Group.EHRENAMT, _("Ehrenamt"), "chart-bar--ehrenamt"),
        ]
        if profile.split
        else [("overall", _("Ganzes Team"), "chart-bar--overall")]
    )
    scale = CHART_BAR_WIDTH / 5
    rows, y = [], 30
    for d in profile.dimensions:
        bars = []
        for index, (key, label, css) in enumerate(series):
            value = d.overall if key == "overall" else d.by_group[key]
            bars.append(
                {
                    "label": label,
                    "css": css,
                    "value": value,
                    "x": CHART_LABEL_WIDTH,
                    "y": y + index * (CHART_BAR_HEIGHT + 2),
                    "width": round(value * scale, 1),
                    "text_x": CHART_LABEL_WIDTH + round(value * scale, 1) + 6,
                    "text_y": y + index * (CHART_BAR_HEIGHT + 2) + CHART_BAR_HEIGHT - 3,
                }
            )
        height = len(series) * (CHART_BAR_HEIGHT + 2)
        rows.append({"name": d.name, "label_y": y + height / 2 + 5, "bars": bars})
        y += height + 14
    ticks = [{"value": v, "x": CHART_LABEL_WIDTH + v * scale} for v in range(0, 6)]
    return {
        "series": series,
        "rows": rows,
        "ticks": ticks,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 50,
        "height": y + 10,
        "axis_top": 22,
        "axis_bottom": y - 8,
        "label_x": CHART_LABEL_WIDTH - 8,
    }
