"""Programme rules: FSJ, BFD, Freiwilligendienst aller Generationen, WIR-Lotsen, hospice.

``check_programme`` returns ``Findings``: *problems* keep an engagement from starting (the
start service refuses with them) and *notices* name facts still missing that the
coordinator must check without the platform refusing (e.g. a pocket-money cap of a future
year not yet published).
``programme_status`` gives the figures a coordinator checks along the way (seminar days due
versus attended, training hours, WIR allowance per month, supervision) plus the findings.
All figures come from dated ``Rule`` rows (see ``dated.rule_value``); docs/RULES.md lists them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from ehrensache.core.dates import format_day as _fmt
from ehrensache.courses.models import UNIT_MINUTES

from .dated import MissingRule, add_months, euro, last_known_rule, months_between, rule_value
from .models import Engagement, Programme, RuleKey, TrainingRecord

# Volunteer services that are open only after (full-time) compulsory schooling: JFDG § 2
# Abs. 1 (FSJ), BFDG § 2 (BFD), § 2 Abs. 1a SGB VII (FDaG: "nach Erfüllung der
# Schulpflicht"). The coordinator confirms it when the engagement starts.
AFTER_SCHOOLING_PROGRAMMES = frozenset({Programme.FSJ, Programme.BFD, Programme.FDAG})


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)  # the rules refuse this engagement
    notices: list[str] = field(default_factory=list)  # facts missing: check, no refusal


def _course_units(person, *, category: str, until: date) -> Decimal:
    """Teaching units of completed platform courses of ``category`` finished by ``until``."""
    from ehrensache.courses.models import Completion

    return Completion.objects.filter(
        person=person, category=category, last_day__lte=until
    ).aggregate(total=Sum("teaching_units"))["total"] or Decimal(0)


def _recorded_units(person, *, kind: str, until: date, since: date | None = None) -> Decimal:
    qs = TrainingRecord.objects.filter(person=person, kind=kind, completed_on__lte=until)
    if since is not None:
        qs = qs.filter(completed_on__gte=since)
    return qs.aggregate(total=Sum("teaching_units"))["total"] or Decimal(0)


def has_hospice_preparation(person, *, on: date) -> bool:
    """A completed Befähigungskurs: a platform course of category hospice or a recorded one."""
    from ehrensache.courses.models import Category, Completion

    return (
        Completion.objects.filter(
            person=person, category=Category.HOSPICE, last_day__lte=on
        ).exists()
        or TrainingRecord.objects.filter(
            person=person, kind=TrainingRecord.Kind.HOSPICE_PREPARATION, completed_on__lte=on
        ).exists()
    )


def wir_basic_units(person, *, on: date) -> Decimal:
    from ehrensache.courses.models import Category

    return _course_units(person, category=Category.INTEGRATION, until=on) + _recorded_units(
        person, kind=TrainingRecord.Kind.INTEGRATION_BASIC, until=on
    )


def wir_basic_qualification_problem(person, *, on: date) -> str | None:
    needed = rule_value(RuleKey.WIR_BASIC_MIN_UNITS, on=on)
    units = wir_basic_units(person, on=on)
    if units >= needed:
        return None
    return _(
        "Einsätze als WIR-Integrationslotse erst nach der Basisqualifizierung: "
        "%(units)s von mindestens %(needed)s Unterrichtseinheiten abgeschlossen."
    ) % {"units": _units(units), "needed": needed}


def _units(value: Decimal) -> str:
    value = Decimal(value).normalize()
    return f"{value:f}".replace(".", ",")


def check_programme(engagement: Engagement, *, today: date) -> Findings:
    """What the programme's rules refuse about this engagement, and what is still unknown.

    A rule missing for a day up to ``today`` is a problem (the network has to add it); a
    rule missing for a later day (next year's pocket-money cap) is a notice.
    """
    findings = Findings()
    check = {
        Programme.FSJ: _check_service,
        Programme.BFD: _check_service,
        Programme.FDAG: _check_fdag,
        Programme.HOSPICE: _check_hospice,
    }.get(engagement.programme)
    if check is not None:
        try:
            check(engagement, findings, today)
        except MissingRule as exc:
            findings.problems.append(str(exc))
    return findings


def start_problems(engagement: Engagement, *, today: date) -> list[str]:
    """What the programme's rules refuse about this engagement (empty: it may start)."""
    return check_programme(engagement, today=today).problems


def schooling_problem(programme: str, *, confirmed: bool) -> str | None:
    """FSJ, BFD and FDaG need compulsory schooling completed, confirmed by the coordinator."""
    if programme not in AFTER_SCHOOLING_PROGRAMMES or confirmed:
        return None
    if programme == Programme.FDAG:
        return _(
            "Der Freiwilligendienst aller Generationen setzt voraus, dass die Person die "
            "Schulpflicht erfüllt hat (§ 2 Abs. 1a SGB VII). Bitte bestätigen Sie das."
        )
    return _(
        "%(programme)s setzt voraus, dass die Person die Vollzeitschulpflicht erfüllt hat "
        "(%(law)s). Bitte bestätigen Sie das."
    ) % {
        "programme": Programme(programme).label,
        "law": "JFDG § 2" if programme == Programme.FSJ else "BFDG § 2",
    }


def fsj_max_age(start: date) -> int:
    """The FSJ age limit (in years, exclusive) valid on the first day of the service."""
    return rule_value(RuleKey.FSJ_MAX_AGE, on=start)


def fsj_age_problem(programme: str, *, start: date, confirmed: bool) -> str | None:
    """JFDG § 2 Abs. 1: an FSJ only before the 27th year of life is completed.

    The coordinator confirms it from the ID card when the engagement starts. The platform
    deliberately never reads the person's birth date (recognition profile) here: the check
    runs for a coordinator, and any answer computed from it would reveal the birth date.
    """
    if programme != Programme.FSJ or confirmed:
        return None
    return _(
        "Ein FSJ kann nur beginnen, wer am ersten Tag (%(start)s) jünger als %(age)s Jahre "
        "ist (JFDG § 2 Abs. 1). Bitte bestätigen Sie das."
    ) % {"start": _fmt(start), "age": fsj_max_age(start)}


def start_confirmations(e: Engagement) -> list[tuple[str, str]]:
    """(label, value) of what the coordinator confirmed at the start; for coordinators only."""
    lines = []
    if e.programme in AFTER_SCHOOLING_PROGRAMMES:
        lines.append(
            (
                _("Schulpflicht erfüllt"),
                _confirmed(e.schooling_confirmed_on, e.schooling_confirmed_by),
            )
        )
    if e.programme == Programme.FSJ:
        label = (
            _("Am ersten Tag jünger als %(age)s Jahre") % {"age": e.age_confirmed_under}
            if e.age_confirmed_under
            else _("Altersgrenze für das FSJ")
        )
        lines.append((label, _confirmed(e.age_confirmed_on, e.age_confirmed_by)))
    if e.extended_service_confirmed_on is not None:
        lines.append(
            (
                _("Dauer über 18 Monate (besonderes Konzept bzw. Ausnahmefall)"),
                _confirmed(e.extended_service_confirmed_on, e.extended_service_confirmed_by),
            )
        )
    if e.programme == Programme.BFD and e.bfd_over_27:
        lines.append((_("BFD ab 27"), _("Seminare in angemessenem Umfang")))
    return lines


def _confirmed(day: date | None, person) -> str:
    if day is None:
        return _("nicht bestätigt")
    if person is None:
        return _("bestätigt am %(date)s") % {"date": _fmt(day)}
    return _("bestätigt am %(date)s von %(person)s") % {"date": _fmt(day), "person": person}


def _check_service(e: Engagement, f: Findings, today: date) -> None:
    if e.end is None:
        f.problems.append(_("Für FSJ und BFD ist das vereinbarte Ende anzugeben."))
        return
    low = rule_value(RuleKey.SERVICE_MIN_MONTHS, on=e.start)
    high = rule_value(RuleKey.SERVICE_MAX_MONTHS, on=e.start)
    months = months_between(e.start, e.end)
    if not low <= months <= high:
        f.problems.append(
            _(
                "Ein Freiwilligendienst dauert %(low)s bis %(high)s Monate; vereinbart sind "
                "%(months)s Monate."
            )
            % {"low": low, "high": high, "months": months}
        )
    else:
        problem = extended_service_problem(
            e.programme,
            start=e.start,
            end=e.end,
            confirmed=e.extended_service_confirmed_on is not None,
        )
        if problem:
            f.problems.append(problem)
    if e.weekly_hours is not None:
        part_time = rule_value(RuleKey.SERVICE_PART_TIME_MIN_HOURS, on=e.start)
        if e.weekly_hours <= part_time:
            f.problems.append(
                _("In Teilzeit sind mehr als %(hours)s Stunden je Woche vorgeschrieben.")
                % {"hours": part_time}
            )
    if e.pocket_money_cents is not None:
        _check_pocket_money(e, f, today)


def regular_max_months(start: date) -> int:
    """The longest FSJ/BFD without a special concept or exception (18 months)."""
    return rule_value(RuleKey.SERVICE_REGULAR_MAX_MONTHS, on=start)


def extended_service_problem(
    programme: str, *, start: date, end: date | None, confirmed: bool
) -> str | None:
    """FSJ/BFD over the regular maximum (18 months, up to 24) only when confirmed.

    JFDG § 5 Abs. 1 Satz 2 allows an FSJ up to 18 months; up to 24 months only within a
    special pedagogical concept. BFDG § 3 Abs. 2: 18 months, up to 24 as an exception. The
    coordinator confirms the concept or exception when the engagement starts.
    """
    if programme not in (Programme.FSJ, Programme.BFD) or end is None or confirmed:
        return None
    regular = regular_max_months(start)
    months = months_between(start, end)
    if months <= regular or months > rule_value(RuleKey.SERVICE_MAX_MONTHS, on=start):
        return None  # regular, or out of range altogether (_check_service says so)
    if programme == Programme.FSJ:
        return _(
            "Ein FSJ dauert höchstens %(regular)s Monate (JFDG § 5 Abs. 1); %(months)s Monate "
            "nur im Rahmen eines besonderen pädagogischen Konzepts. Bitte bestätigen Sie das."
        ) % {"regular": regular, "months": months}
    return _(
        "Ein Bundesfreiwilligendienst dauert höchstens %(regular)s Monate (BFDG § 3 Abs. 2); "
        "%(months)s Monate nur im Ausnahmefall. Bitte bestätigen Sie die Ausnahme."
    ) % {"regular": regular, "months": months}


def _check_pocket_money(e: Engagement, f: Findings, today: date) -> None:
    """The monthly pocket money against the cap of each calendar year of the service.

    A year whose cap the network has not entered yet (the new figure is published in the
    autumn) never refuses the start: it is checked against the last known cap and the
    engagement shows a notice until the new row exists. Only a gap between two entered
    years refuses ("keine Regel hinterlegt"). ``today`` is not needed: the same holds in
    January when the new cap is still missing.
    """
    for day in _year_starts(e.start, e.end):
        try:
            cap = rule_value(RuleKey.POCKET_MONEY_CAP, on=day)
        except MissingRule:
            last = last_known_rule(RuleKey.POCKET_MONEY_CAP, on=day)
            if last is None:
                raise
            cap = last.value
            f.notices.append(
                _(
                    "Die Taschengeld-Obergrenze für %(year)s ist noch nicht hinterlegt; "
                    "geprüft wurde mit der letzten bekannten von %(cap)s (gültig ab "
                    "%(date)s). Bitte prüfen Sie das Taschengeld, sobald das Netzwerk die "
                    "neue Obergrenze eingetragen hat."
                )
                % {"year": day.year, "cap": euro(cap), "date": _fmt(last.valid_from)}
            )
        if e.pocket_money_cents > cap:
            f.problems.append(
                _(
                    "Das Taschengeld von %(amount)s im Monat übersteigt die Obergrenze von "
                    "%(cap)s (gültig ab %(date)s)."
                )
                % {"amount": euro(e.pocket_money_cents), "cap": euro(cap), "date": _fmt(day)}
            )
            return


def _year_starts(start: date, end: date) -> list[date]:
    """The start and each 1 January within the period: caps change with the year."""
    days = [start]
    for year in range(start.year + 1, end.year + 1):
        days.append(date(year, 1, 1))
    return days


def _check_fdag(e: Engagement, f: Findings, today: date) -> None:
    min_hours = rule_value(RuleKey.FDAG_MIN_WEEKLY_HOURS, on=e.start)
    min_months = rule_value(RuleKey.FDAG_MIN_MONTHS, on=e.start)
    if e.weekly_hours is None or e.weekly_hours < min_hours:
        f.problems.append(
            _(
                "Der Freiwilligendienst aller Generationen verlangt mindestens %(hours)s Stunden je Woche."
            )
            % {"hours": min_hours}
        )
    if e.end is not None and e.end < add_months(e.start, min_months) - _one_day():
        f.problems.append(
            _("Der Freiwilligendienst aller Generationen dauert mindestens %(months)s Monate.")
            % {"months": min_months}
        )


def _one_day():
    from datetime import timedelta

    return timedelta(days=1)


def _check_hospice(e: Engagement, f: Findings, today: date) -> None:
    if not has_hospice_preparation(e.volunteer, on=e.start):
        f.problems.append(
            _(
                "Eine Hospizbegleitung kann erst beginnen, wenn der Befähigungskurs als "
                "abgeschlossen erfasst ist."
            )
        )


# --- Status along the way -------------------------------------------------------------------


@dataclass
class ProgrammeStatus:
    lines: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    warnings: list[str] = field(default_factory=list)
    monthly_allowance: list[tuple[date, int, int]] = field(default_factory=list)


def seminar_days_due(e: Engagement) -> int | None:
    """Seminar days due for an FSJ/BFD with an agreed end (None: no fixed number).

    25 days for 12 months (JFDG § 5 Abs. 2 Satz 3, BFDG § 4 Abs. 3 Satz 3); a longer
    service adds at least one day per month beyond 12 (JFDG § 5 Abs. 2 Satz 4, BFDG § 4
    Abs. 3 Satz 4): 18 months → 31. A shorter BFD has two days fewer per month (BFDG § 4
    Abs. 3 Satz 5): 6 months → 13. The JFDG has no such cut for a shorter FSJ: the platform
    asks only for what the law fixes, the three seminars of at least five days each (JFDG
    § 5 Abs. 2 Satz 2: 15 days); the Träger's concept decides the rest. A BFD volunteer who
    has completed the 27th year of life takes part "in angemessenem Umfang" (BFDG § 4 Abs.
    3 Satz 3): no number.
    """
    if e.programme not in (Programme.FSJ, Programme.BFD) or e.end is None:
        return None
    if e.programme == Programme.BFD and e.bfd_over_27:
        return None
    per_year = rule_value(RuleKey.SEMINAR_DAYS_PER_12_MONTHS, on=e.start)
    months = months_between(e.start, e.end)
    if months >= 12:
        extra = rule_value(RuleKey.BFD_EXTRA_SEMINAR_DAYS, on=e.start)
        return per_year + extra * (months - 12)
    if e.programme == Programme.BFD:
        fewer = rule_value(RuleKey.BFD_FEWER_SEMINAR_DAYS, on=e.start)
        return max(per_year - fewer * (12 - months), 0)
    return min(per_year, rule_value(RuleKey.FSJ_MIN_SEMINAR_DAYS, on=e.start))


def fdag_training_hours(e: Engagement, *, year_start: date) -> Decimal:
    """Further training (courses and recorded trainings) in the agreement year."""
    from ehrensache.courses.models import Completion

    year_end = add_months(year_start, 12) - _one_day()
    units = Completion.objects.filter(
        person=e.volunteer, last_day__gte=year_start, last_day__lte=year_end
    ).aggregate(total=Sum("teaching_units"))["total"] or Decimal(0)
    units += TrainingRecord.objects.filter(
        person=e.volunteer, completed_on__gte=year_start, completed_on__lte=year_end
    ).aggregate(total=Sum("teaching_units"))["total"] or Decimal(0)
    return (units * UNIT_MINUTES / 60).quantize(Decimal("0.1"))


def wir_monthly_allowance(e: Engagement) -> list[tuple[date, int, int]]:
    """(month, minutes, cents) of WIR assignments: hours × the hourly allowance of that month."""
    rows = (
        e.hours_entries.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(minutes=Sum("minutes"))
        .order_by("month")
    )
    result = []
    for row in rows:
        month = row["month"]
        month = month if isinstance(month, date) else month.date()
        rate = rule_value(RuleKey.WIR_HOURLY_ALLOWANCE, on=month)
        result.append((month, row["minutes"], round(row["minutes"] * rate / 60)))
    return result


def _service_status(e: Engagement, status: ProgrammeStatus, today: date) -> None:
    """Seminar days due versus attended (a warning once the service has ended)."""
    due = seminar_days_due(e)
    attended = e.seminar_days.count()
    if e.programme == Programme.BFD and e.bfd_over_27:
        shown = _("in angemessenem Umfang (BFDG § 4 Abs. 3)")
    else:
        shown = str(due if due is not None else "–")
    status.lines.append((_("Seminartage fällig"), shown))
    status.lines.append((_("Seminartage besucht"), str(attended)))
    if e.pocket_money_cents is not None:
        status.lines.append((_("Taschengeld je Monat"), euro(e.pocket_money_cents)))
    if due is not None and e.end is not None and e.end <= today and attended < due:
        status.warnings.append(_("Es fehlen %(n)s Seminartage.") % {"n": due - attended})


def programme_status(e: Engagement, *, today: date) -> ProgrammeStatus:
    status = ProgrammeStatus()
    findings = check_programme(e, today=today)
    if e.programme in (Programme.FSJ, Programme.BFD):
        _service_status(e, status, today)
    elif e.programme == Programme.FDAG:
        needed = rule_value(RuleKey.FDAG_MIN_TRAINING_HOURS, on=e.start)
        year_start = e.start
        while add_months(year_start, 12) <= today:
            year_start = add_months(year_start, 12)
        hours = fdag_training_hours(e, year_start=year_start)
        status.lines.append(
            (
                _("Fortbildung seit %(date)s") % {"date": _fmt(year_start)},
                _("%(hours)s von %(needed)s Stunden") % {"hours": _units(hours), "needed": needed},
            )
        )
        if hours < needed:
            status.warnings.append(
                _("Im laufenden Dienstjahr fehlen noch %(missing)s Stunden Fortbildung.")
                % {"missing": _units(Decimal(needed) - hours)}
            )
    elif e.programme == Programme.WIR_LOTSE:
        units = wir_basic_units(e.volunteer, on=today)
        needed = rule_value(RuleKey.WIR_BASIC_MIN_UNITS, on=today)
        status.lines.append(
            (
                _("Basisqualifizierung"),
                _("%(units)s von %(needed)s UE") % {"units": _units(units), "needed": needed},
            )
        )
        problem = wir_basic_qualification_problem(e.volunteer, on=today)
        if problem:
            status.warnings.append(problem)
        status.monthly_allowance = wir_monthly_allowance(e)
    elif e.programme == Programme.HOSPICE:
        meetings = list(e.supervision_meetings.all()[:1])
        status.lines.append(
            (
                _("Befähigungskurs"),
                _("abgeschlossen")
                if has_hospice_preparation(e.volunteer, on=today)
                else _("fehlt"),
            )
        )
        status.lines.append((_("Supervisionen"), str(e.supervision_meetings.count())))
        status.lines.append(
            (_("Letzte Supervision"), _fmt(meetings[0].date) if meetings else _("noch keine"))
        )
    status.warnings.extend(findings.problems)
    status.warnings.extend(findings.notices)
    return status
