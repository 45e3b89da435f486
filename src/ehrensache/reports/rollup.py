"""The periodic roll-up: source records → cells of a cube → suppressed ``Fact`` rows.

For each year and measure one grouped query reads the source table (two measures share a
query where they count the same rows); active volunteers and answer times need the rows
themselves (distinct people, medians) and read them once. Each result row carries its place
(district and state, the organization where the figure belongs to one) and its fields of
activity; it is added to every level (country, state, district, organization), to "all
fields" and its own fields, and to its month, quarter and year. Then each measure's cube is
suppressed as a whole (``reports.suppression``) and the year's facts are replaced in one
transaction: running it twice gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from ehrensache.brokering.models import Conversation, FollowUp, Interest
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.courses.models import Completion, Course, Registration
from ehrensache.engagements.models import Engagement, HoursEntry
from ehrensache.guide.models import CheckRound
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import District, State

from .measures import BY_KEY, MEASURES, MEDIAN_BASE
from .models import ALL_FIELDS, COUNTRY_CODE, YEAR, Fact, Level, RollUp
from .suppression import THRESHOLD, suppress

FIELDS = frozenset(FieldOfActivity.values)
Unit = tuple[str, str]  # (level, code)
Cell = tuple[str, str, str, str]  # (level, code, field, period)


@dataclass(frozen=True)
class Row:
    """One group of source records: when, where, which fields, how many."""

    month: int
    district_id: int | None
    state_id: int | None
    organization_id: int | None
    fields: tuple[str, ...]
    value: float


@dataclass
class Places:
    """District ids → (key, state code) and state ids → code, read once per roll-up."""

    districts: dict[int, tuple[str, str]] = field(default_factory=dict)
    states: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Places:
        districts = {
            pk: (key, code)
            for pk, key, code in District.objects.values_list("pk", "key", "state__code")
        }
        return cls(districts, dict(State.objects.values_list("pk", "code")))

    def units(self, row: Row, *, organizations: bool) -> list[Unit]:
        """The row's places from the organization up to the country (the first is its own)."""
        units: list[Unit] = []
        district = self.districts.get(row.district_id) if row.district_id else None
        state = district[1] if district else self.states.get(row.state_id or 0)
        if organizations and row.organization_id:
            units.append((Level.ORGANIZATION, str(row.organization_id)))
        if district:
            units.append((Level.DISTRICT, district[0]))
        if state:
            units.append((Level.STATE, state))
        units.append((Level.COUNTRY, COUNTRY_CODE))
        return units


def periods_of(month: int) -> tuple[str, str, str]:
    return (f"M{month:02d}", f"Q{(month - 1) // 3 + 1}", YEAR)


def _fields(value: object) -> tuple[str, ...]:
    values = value if isinstance(value, list | tuple) else [value]
    return tuple(sorted({v for v in values if v in FIELDS}))


def _bounds(year: int) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    return (
        start,
        end,
        dt.datetime(year, 1, 1, tzinfo=zone),
        dt.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _rows(queryset: Iterable[dict], value: str, *, state: str | None = None) -> list[Row]:
    return [
        Row(
            month=item["month"],
            district_id=item.get("p_district"),
            state_id=item.get(state) if state else None,
            organization_id=item.get("p_organization"),
            fields=_fields(item.get("p_fields")),
            value=float(item[value] or 0),
        )
        for item in queryset
    ]


# --- Sources: one grouped query each ------------------------------------------------------


def conversations(year: int, today: dt.date) -> dict[str, list[Row]]:
    start, end, _s, _e = _bounds(year)
    qs = (
        Conversation.objects.filter(held_on__gte=start, held_on__lt=end)
        .values(
            month=ExtractMonth("held_on"),
            p_district=F("agency__district_id"),
            p_fields=F("interests"),
        )
        .annotate(n=Count("pk"))
    )
    return {"conversations": _rows(qs, "n")}


_INTEREST_PLACE = {
    "p_district": F("opportunity__organization__district_id"),
    "p_organization": F("opportunity__organization_id"),
    "p_fields": F("opportunity__field"),
}


def interests(year: int, today: dt.date) -> dict[str, list[Row]]:
    _s, _e, start, end = _bounds(year)
    qs = (
        Interest.objects.filter(created_at__gte=start, created_at__lt=end)
        .values(month=ExtractMonth("created_at"), **_INTEREST_PLACE)
        .annotate(n=Count("pk"), referred=Count("pk", filter=Q(agency__isnull=False)))
    )
    rows = list(qs)
    return {"interests": _rows(rows, "n"), "referrals": _rows(rows, "referred")}


def follow_ups(year: int, today: dt.date) -> dict[str, list[Row]]:
    _s, _e, start, end = _bounds(year)
    place = {key: F(f"interest__{value.name}") for key, value in _INTEREST_PLACE.items()}
    rows = list(
        FollowUp.objects.filter(answered_at__gte=start, answered_at__lt=end)
        .exclude(answer="")
        .values(month=ExtractMonth("answered_at"), **place)
        .annotate(n=Count("pk"), started=Count("pk", filter=Q(answer=FollowUp.Answer.STARTED)))
    )
    return {"follow_ups_answered": _rows(rows, "n"), "follow_ups_started": _rows(rows, "started")}


_ENGAGEMENT_PLACE = {
    "p_district": F("organization__district_id"),
    "p_organization": F("organization_id"),
    "p_fields": F("opportunity__field"),
}


def engagements(year: int, today: dt.date) -> dict[str, list[Row]]:
    start, end, _s, _e = _bounds(year)
    begun = Engagement.objects.exclude(status=Engagement.Status.NOT_STARTED)
    started = (
        begun.filter(start__gte=start, start__lt=end, start__lte=today)
        .values(month=ExtractMonth("start"), **_ENGAGEMENT_PLACE)
        .annotate(n=Count("pk"))
    )
    ended = (
        begun.filter(end__gte=start, end__lt=end, end__lte=today)
        .values(month=ExtractMonth("end"), **_ENGAGEMENT_PLACE)
        .annotate(n=Count("pk"))
    )
    return {"engagements_started": _rows(started, "n"), "engagements_ended": _rows(ended, "n")}


def hours(year: int, today: dt.date) -> dict[str, list[Row]]:
    start, end, _s, _e = _bounds(year)
    place = {key: F(f"engagement__{value.name}") for key, value in _ENGAGEMENT_PLACE.items()}
    qs = (
        HoursEntry.objects.filter(date__gte=start, date__lt=end, verified_at__isnull=False)
        .values(month=ExtractMonth("date"), **place)
        .annotate(minutes=Sum("minutes"))
    )
    rows = _rows(qs, "minutes")
    return {"hours_verified": [_scaled(row, 1 / 60) for row in rows]}


def _scaled(row: Row, factor: float) -> Row:
    return Row(
        row.month,
        row.district_id,
        row.state_id,
        row.organization_id,
        row.fields,
        row.value * factor,
    )


_COURSE_DISTRICT = Coalesce("district_id", "agency__district_id", "organization__district_id")


def courses(year: int, today: dt.date) -> dict[str, list[Row]]:
    _s, _e, start, end = _bounds(year)
    held = Course.objects.filter(
        starts_at__gte=start,
        starts_at__lt=end,
        status__in=[Course.Status.PUBLISHED, Course.Status.CLOSED],
    )
    seats = held.values(
        month=ExtractMonth("starts_at"),
        p_district=_COURSE_DISTRICT,
        p_state=F("network_state_id"),
        p_organization=F("organization_id"),
    ).annotate(n=Sum("capacity"))
    course = {
        "p_district": Coalesce(
            "course__district_id",
            "course__agency__district_id",
            "course__organization__district_id",
        ),
        "p_state": F("course__network_state_id"),
        "p_organization": F("course__organization_id"),
    }
    participants = (
        Registration.objects.filter(status=Registration.Status.CONFIRMED, course__in=held)
        .values(month=ExtractMonth("course__starts_at"), **course)
        .annotate(n=Count("pk"))
    )
    start_day, end_day, _s2, _e2 = _bounds(year)
    completions = list(
        Completion.objects.filter(last_day__gte=start_day, last_day__lt=end_day)
        .values(month=ExtractMonth("last_day"), **course)
        .annotate(n=Count("pk"), units=Sum("teaching_units"))
    )
    return {
        "course_seats": _rows(seats, "n", state="p_state"),
        "course_participants": _rows(participants, "n", state="p_state"),
        "certificates": _rows(completions, "n", state="p_state"),
        "teaching_units": _rows(completions, "units", state="p_state"),
    }


def organizations(year: int, today: dt.date) -> dict[str, list[Row]]:
    _s, _e, start, end = _bounds(year)
    qs = (
        Organization.objects.filter(
            status=Organization.Status.CONFIRMED, confirmed_at__gte=start, confirmed_at__lt=end
        )
        .values(
            month=ExtractMonth("confirmed_at"),
            p_district=F("district_id"),
            p_fields=F("fields_of_activity"),
        )
        .annotate(n=Count("pk"))
    )
    return {"organizations_confirmed": _rows(qs, "n")}


def check_rounds(year: int, today: dt.date) -> dict[str, list[Row]]:
    _s, _e, start, end = _bounds(year)
    qs = (
        CheckRound.objects.filter(closed_at__gte=start, closed_at__lt=end)
        .values(
            month=ExtractMonth("closed_at"),
            p_district=F("team__organization__district_id"),
            p_state=F("team__state_id"),
            p_organization=F("team__organization_id"),
        )
        .annotate(n=Count("pk"))
    )
    return {"check_rounds_closed": _rows(qs, "n", state="p_state")}


GROUPED_SOURCES: list[Callable[[int, dt.date], dict[str, list[Row]]]] = [
    conversations,
    interests,
    follow_ups,
    engagements,
    hours,
    courses,
    organizations,
    check_rounds,
]


# --- Cubes --------------------------------------------------------------------------------


@dataclass
class Cube:
    """One measure's cells of one year, with each unit's parent (for the equations)."""

    values: dict[Cell, float] = field(default_factory=lambda: defaultdict(float))
    parents: dict[Unit, Unit] = field(default_factory=dict)

    def add(self, units: list[Unit], fields: Iterable[str], month: int, value: float) -> None:
        for child, parent in zip(units, units[1:], strict=False):
            self.parents[child] = parent
        for level, code in units:
            for field_value in fields:
                for period in periods_of(month):
                    self.values[(level, code, field_value, period)] += value


def _field_keys(row: Row, by_field: bool) -> tuple[str, ...]:
    return (ALL_FIELDS, *row.fields) if by_field else (ALL_FIELDS,)


def build_cube(measure: str, rows: list[Row], places: Places) -> Cube:
    spec = BY_KEY[measure]
    cube = Cube()
    for row in rows:
        if row.value:
            units = places.units(row, organizations=spec.organization)
            cube.add(units, _field_keys(row, spec.by_field), row.month, row.value)
    return cube


def active_volunteers(year: int, today: dt.date, places: Places) -> Cube:
    """Distinct people with an engagement running in each month (then quarter, year)."""
    start, end, _s, _e = _bounds(year)
    last = min(end - dt.timedelta(days=1), today)
    rows = (
        Engagement.objects.exclude(
            status__in=[Engagement.Status.NOT_STARTED, Engagement.Status.PLANNED]
        )
        .filter(start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .values_list(
            "volunteer_id", "start", "end", *[value.name for value in _ENGAGEMENT_PLACE.values()]
        )
    )
    people: dict[Cell, set[int]] = defaultdict(set)
    parents: dict[Unit, Unit] = {}
    for volunteer, begun, ended, district, organization, field_value in rows.iterator():
        row = Row(1, district, None, organization, _fields(field_value), 1)
        units = places.units(row, organizations=True)
        parents.update(zip(units, units[1:], strict=False))
        first = max(begun, start).month
        final = min(ended or last, last).month
        for month in range(first, final + 1):
            for level, code in units:
                for field_value_ in _field_keys(row, True):
                    for period in periods_of(month):
                        people[(level, code, field_value_, period)].add(volunteer)
    return Cube({cell: float(len(ids)) for cell, ids in people.items()}, parents)


def answer_times(year: int, places: Places) -> tuple[Cube, Cube]:
    """Interests answered (a first status other than "new") and the median days to it."""
    _s, _e, start, end = _bounds(year)
    rows = (
        Interest.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(first=Min("history__changed_at", filter=~Q(history__status=Interest.Status.NEW)))
        .filter(first__isnull=False)
        .values_list("created_at", "first", *[value.name for value in _INTEREST_PLACE.values()])
    )
    answered = Cube()
    days: dict[Cell, list[float]] = defaultdict(list)
    zone = timezone.get_current_timezone()
    for created, first, district, organization, field_value in rows.iterator():
        month = created.astimezone(zone).month
        row = Row(month, district, None, organization, _fields(field_value), 1)
        units = places.units(row, organizations=True)
        answered.add(units, _field_keys(row, True), month, 1)
        waited = max((first - created).total_seconds() / 86400, 0)
        for level, code in units:
            for field_value_ in _field_keys(row, True):
                for period in periods_of(month):
                    days[(level, code, field_value_, period)].append(waited)
    medians = Cube({cell: round(statistics.median(values)) for cell, values in days.items()})
    return answered, medians


# --- Suppression and storage --------------------------------------------------------------


def equations(cube: Cube) -> list[tuple[Cell, list[Cell]]]:
    """Every linear relation between the cube's cells: year = quarters, quarter = months,
    all fields = the fields, parent place = its children. Cells the cube lacks are zero and
    count as known (the cautious reading: the relation is not weakened by them)."""
    cells = set(cube.values)
    by_unit_field: dict[tuple, set[str]] = defaultdict(set)
    by_unit_period: dict[tuple, set[str]] = defaultdict(set)
    children: dict[tuple, set[Unit]] = defaultdict(set)
    for level, code, field_value, period in cells:
        by_unit_field[(level, code, field_value)].add(period)
        if field_value != ALL_FIELDS:
            by_unit_period[(level, code, period)].add(field_value)
        parent = cube.parents.get((level, code))
        if parent:
            children[(parent, field_value, period)].add((level, code))
    found: list[tuple[Cell, list[Cell]]] = []
    for (level, code, field_value), periods in by_unit_field.items():
        quarters = sorted(p for p in periods if p.startswith("Q"))
        if YEAR in periods:
            found.append(
                (
                    (level, code, field_value, YEAR),
                    [(level, code, field_value, q) for q in quarters],
                )
            )
        for quarter in quarters:
            number = int(quarter[1])
            months = [
                p for p in periods if p.startswith("M") and (int(p[1:]) - 1) // 3 + 1 == number
            ]
            found.append(
                (
                    (level, code, field_value, quarter),
                    [(level, code, field_value, m) for m in sorted(months)],
                )
            )
    for (level, code, period), fields in by_unit_period.items():
        found.append(
            ((level, code, ALL_FIELDS, period), [(level, code, f, period) for f in sorted(fields)])
        )
    for ((plevel, pcode), field_value, period), units in children.items():
        total = (plevel, pcode, field_value, period)
        if total in cells:
            found.append(
                (total, [(level, code, field_value, period) for level, code in sorted(units)])
            )
    return found


def suppressed_cells(cube: Cube) -> frozenset:
    values = {cell: int(round(value)) for cell, value in cube.values.items()}
    return suppress(values, equations(cube), exact=len(values) <= 20000)


def facts_for(year: int, measure: str, cube: Cube, hidden: frozenset) -> list[Fact]:
    facts = []
    for (level, code, field_value, period), value in cube.values.items():
        shown = (level, code, field_value, period) not in hidden and round(value) >= THRESHOLD
        facts.append(
            Fact(
                year=year,
                period=period,
                level=level,
                code=code,
                field=field_value,
                measure=measure,
                value=round(value) if shown else None,
                suppressed=not shown,
            )
        )
    return facts


def median_facts(year: int, medians: Cube, base: dict[Cell, Fact]) -> list[Fact]:
    """Medians are shown only where the count they are taken over is shown."""
    facts = []
    for cell, value in medians.values.items():
        counted = base.get(cell)
        shown = counted is not None and not counted.suppressed
        level, code, field_value, period = cell
        facts.append(
            Fact(
                year=year,
                period=period,
                level=level,
                code=code,
                field=field_value,
                measure="answer_days_median",
                value=round(value) if shown else None,
                suppressed=not shown,
            )
        )
    return facts


def cubes_of_year(year: int, today: dt.date, places: Places) -> dict[str, Cube]:
    cubes: dict[str, Cube] = {}
    for source in GROUPED_SOURCES:
        for measure, rows in source(year, today).items():
            cubes[measure] = build_cube(measure, rows, places)
    cubes["active_volunteers"] = active_volunteers(year, today, places)
    cubes["interests_answered"], cubes["answer_days_median"] = answer_times(year, places)
    return cubes


def facts_of_year(year: int, today: dt.date, places: Places) -> list[Fact]:
    cubes = cubes_of_year(year, today, places)
    facts: list[Fact] = []
    by_cell: dict[str, dict[Cell, Fact]] = {}
    for measure in [m.key for m in MEASURES if not m.median]:
        cube = cubes[measure]
        made = facts_for(year, measure, cube, suppressed_cells(cube))
        by_cell[measure] = {(f.level, f.code, f.field, f.period): f for f in made}
        facts.extend(made)
    for measure, base in MEDIAN_BASE.items():
        facts.extend(median_facts(year, cubes[measure], by_cell[base]))
    return facts


def default_years(today: dt.date) -> list[int]:
    """This year and the last (late records and corrections still arrive for it)."""
    return [today.year - 1, today.year]


def roll_up(years: Iterable[int] | None = None, *, today: dt.date | None = None) -> int:
    """Recompute the facts of ``years`` (default: this and last year); returns the rows."""
    today = today or timezone.localdate()
    places = Places.load()
    written = 0
    for year in sorted(set(years or default_years(today))):
        facts = facts_of_year(year, today, places)
        with transaction.atomic():
            Fact.objects.filter(year=year).delete()
            Fact.objects.bulk_create(facts, batch_size=2000)
            RollUp.objects.update_or_create(
                year=year, defaults={"finished_at": timezone.now(), "facts": len(facts)}
            )
        written += len(facts)
    return written
