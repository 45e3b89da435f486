"""Eligibility for E-Card, Kompetenznachweis and Juleica: pure reads, each reason in words.

Every figure comes from the dated rule valid on the day asked about (``models.*Rule``).
Hours are *verified* hours (``engagements.HoursEntry`` with ``verified_at``); training hours
come from completed courses (``courses.Completion``) and trainings recorded by an
organization (``engagements.TrainingRecord``), a teaching unit being 45 minutes.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ehrensache.core.dates import add_months, add_years
from ehrensache.courses.models import UNIT_MINUTES as COURSE_UNIT_MINUTES

from .models import Card, ECardRule, JuleicaRule, KompetenzRule, RecognitionProfile

UNIT_MINUTES = Decimal(COURSE_UNIT_MINUTES)


def full_months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _fmt(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'))}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    rule: object = None


def profile_of(person) -> RecognitionProfile | None:
    return RecognitionProfile.objects.filter(person=person).select_related("district").first()


def _age_reason(person, min_age: int, day: dt.date) -> str | None:
    profile = profile_of(person)
    if profile is None or profile.birth_date is None:
        return _("Bitte tragen Sie Ihr Geburtsdatum ein (Mindestalter %(age)d Jahre).") % {
            "age": min_age
        }
    if age_on(profile.birth_date, day) < min_age:
        due = add_years(profile.birth_date, min_age)
        return _("Mindestalter %(age)d Jahre: erst ab dem %(due)s.") % {
            "age": min_age,
            "due": due.strftime("%d.%m.%Y"),
        }
    return None


# --- verified hours -------------------------------------------------------------------------


def _engagement_models():
    from ehrensache.engagements.models import Engagement, HoursEntry

    return Engagement, HoursEntry


def verified_hours(person, *, start: dt.date, end: dt.date, organization=None) -> Decimal:
    _e, HoursEntry = _engagement_models()
    qs = HoursEntry.objects.filter(
        engagement__volunteer=person, verified_at__isnull=False, date__gte=start, date__lte=end
    )
    if organization is not None:
        qs = qs.filter(engagement__organization=organization)
    minutes = qs.aggregate(total=Sum("minutes"))["total"] or 0
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def engaged_since(person, day: dt.date) -> dt.date | None:
    Engagement, _h = _engagement_models()
    return (
        Engagement.objects.filter(volunteer=person, start__lte=day)
        .exclude(status="not_started")
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )


# --- Ehrenamts-Card ---------------------------------------------------------------------------


def ecard_rule_for(person, day: dt.date) -> ECardRule | None:
    profile = profile_of(person)
    if profile is None or profile.district is None:
        return None
    return (
        ECardRule.objects.filter(district_key=profile.district.key, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from", "-pk")
        .first()
    )


def ecard_eligibility(person, rule: ECardRule, day: dt.date) -> Eligibility:
    """Years of engagement, average verified hours per week over those years, minimum age;
    per issuer also: no flat allowance in those years, and a valid Juleica instead of the
    hours and years (``juleica_exempt``)."""
    juleica = _valid_juleica(person, day) if rule.juleica_exempt else None
    if juleica is not None:
        facts = [
            _(
                "Gültige Juleica bis %(until)s: %(issuer)s verlangt dann keine Nachweise zu "
                "Stunden und Jahren."
            )
            % {"until": juleica.expires_on.strftime("%d.%m.%Y"), "issuer": rule.issuer_name}
        ]
        reasons = [r for r in [_age_reason(person, rule.min_age, day)] if r]
        return Eligibility(eligible=not reasons, reasons=reasons, facts=facts, rule=rule)
    reasons, facts = [], []
    since = engaged_since(person, day)
    needed_months = rule.prior_years * 12
    if since is None:
        reasons.append(_("Es ist noch kein Engagement erfasst."))
        window_start = add_years(day, -rule.prior_years)
    else:
        months = full_months_between(since, day)
        facts.append(
            ngettext(
                "Engagiert seit %(since)s (%(n)d Monat).",
                "Engagiert seit %(since)s (%(n)d Monaten).",
                months,
            )
            % {"since": since.strftime("%d.%m.%Y"), "n": months}
        )
        if months < needed_months:
            missing = needed_months - months
            reasons.append(
                ngettext(
                    "noch %(n)d Monat bis %(years)d Jahre Engagement",
                    "noch %(n)d Monate bis %(years)d Jahre Engagement",
                    missing,
                )
                % {"n": missing, "years": rule.prior_years}
                if rule.prior_years != 1
                else ngettext(
                    "noch %(n)d Monat bis 1 Jahr Engagement",
                    "noch %(n)d Monate bis 1 Jahr Engagement",
                    missing,
                )
                % {"n": missing}
            )
        window_start = max(since, add_years(day, -rule.prior_years))
    hours = verified_hours(person, start=window_start, end=day)
    weeks = Decimal(max((day - window_start).days, 7)) / 7
    per_week = (hours / weeks).quantize(Decimal("0.1"))
    facts.append(
        _("%(hours)s bestätigte Stunden seit %(start)s, im Schnitt %(avg)s Std./Woche.")
        % {"hours": _fmt(hours), "start": window_start.strftime("%d.%m.%Y"), "avg": _fmt(per_week)}
    )
    if per_week < rule.min_hours_per_week:
        reasons.append(
            _("im Schnitt %(avg)s statt mindestens %(min)s Stunden pro Woche")
            % {"avg": _fmt(per_week), "min": _fmt(rule.min_hours_per_week)}
        )
    if rule.no_flat_allowance:
        paid = _flat_allowance_since(person, window_start, day)
        if paid:
            reasons.append(
                _(
                    "seit %(start)s eine pauschale Aufwandsentschädigung (%(kinds)s); %(issuer)s "
                    "vergibt die Karte nur ohne Pauschale über die Kostenerstattung hinaus"
                )
                % {
                    "start": window_start.strftime("%d.%m.%Y"),
                    "kinds": ", ".join(paid),
                    "issuer": rule.issuer_name,
                }
            )
    age = _age_reason(person, rule.min_age, day)
    if age:
        reasons.append(age)
    return Eligibility(eligible=not reasons, reasons=reasons, facts=facts, rule=rule)


def _valid_juleica(person, day: dt.date) -> Card | None:
    return (
        Card.objects.filter(
            person=person, kind=Card.Kind.JULEICA, issued_on__lte=day, expires_on__gte=day
        )
        .order_by("-expires_on")
        .first()
    )


def _flat_allowance_since(person, start: dt.date, day: dt.date) -> list[str]:
    """The kinds of allowance booked for the person between ``start`` and ``day``."""
    from ehrensache.engagements.models import AllowancePayment

    kinds = (
        AllowancePayment.objects.filter(
            engagement__volunteer=person, paid_on__gte=start, paid_on__lte=day
        )
        .values_list("kind", flat=True)
        .distinct()
    )
    return sorted(str(AllowancePayment.Kind(k).label) for k in kinds)


# --- Kompetenznachweis ------------------------------------------------------------------------


def kompetenz_eligibility(person, year: int) -> Eligibility:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rule = KompetenzRule.valid_on(end)
    hours = verified_hours(person, start=start, end=end)
    facts = [
        _("%(hours)s bestätigte Stunden im Jahr %(year)d.") % {"hours": _fmt(hours), "year": year}
    ]
    reasons = []
    if hours < rule.min_hours_per_year:
        reasons.append(
            _("noch %(missing)s Stunden bis %(min)s Stunden im Jahr %(year)d")
            % {
                "missing": _fmt(rule.min_hours_per_year - hours),
                "min": _fmt(rule.min_hours_per_year),
                "year": year,
            }
        )
    return Eligibility(eligible=not reasons, reasons=reasons, facts=facts, rule=rule)


def competences(person, year: int) -> dict:
    """The competences section: engagements active in the year and courses completed in it."""
    from ehrensache.courses.models import Completion

    Engagement, HoursEntry = _engagement_models()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    engagements = list(
        Engagement.objects.filter(volunteer=person, start__lte=end)
        .exclude(end__lt=start)
        .exclude(status="not_started")
        .select_related("organization")
        .order_by("start", "pk")
    )
    rows = []
    for engagement in engagements:
        rows.append(
            {
                "organization": engagement.organization.name,
                "role": engagement.role,
                "tasks": engagement.tasks,
                "hours": verified_hours(
                    person, start=start, end=end, organization=engagement.organization
                ),
            }
        )
    courses = list(
        Completion.objects.filter(person=person, last_day__gte=start, last_day__lte=end).order_by(
            "last_day", "pk"
        )
    )
    return {"year": year, "engagements": rows, "courses": courses}


# --- Juleica ----------------------------------------------------------------------------------


def _trainings(person, categories: set[str]) -> list[tuple[dt.date, Decimal, str]]:
    from ehrensache.courses.models import Completion
    from ehrensache.engagements.models import TrainingRecord

    rows = [
        (c.last_day, c.teaching_units * UNIT_MINUTES / 60, c.course_title)
        for c in Completion.objects.filter(person=person, category__in=categories)
    ]
    rows += [
        (t.completed_on, t.teaching_units * UNIT_MINUTES / 60, t.title)
        for t in TrainingRecord.objects.filter(person=person, kind__in=categories)
    ]
    return sorted(rows)


def best_training_hours(rows, window_months: int, day: dt.date) -> Decimal:
    """Most hours inside any window of ``window_months`` months ending on a training day."""
    best = Decimal(0)
    done = [r for r in rows if r[0] <= day]
    for end, _h, _t in done:
        start = add_months(end, -window_months)
        total = sum((h for d, h, _t in done if start < d <= end), Decimal(0))
        best = max(best, total)
    return best.quantize(Decimal("0.1"))


def current_card(person, kind: str, day: dt.date) -> Card | None:
    return (
        Card.objects.filter(person=person, kind=kind, issued_on__lte=day)
        .order_by("-expires_on", "-pk")
        .first()
    )


def juleica_status(person, day: dt.date) -> Eligibility:
    """For a first card: the training hours within the window, first aid and the minimum age.
    Whoever holds or held a card has shown those once (the card may predate the training
    recorded here): what counts then is the refresher for the renewal, so a valid card is never
    answered with hours of training still missing."""
    rule = JuleicaRule.valid_on(day)
    card = current_card(person, Card.Kind.JULEICA, day)
    if card is not None:
        return _juleica_renewal(person, card, rule, day)
    reasons, facts = [], []
    training = _trainings(person, {"juleica"})
    hours = best_training_hours(training, rule.training_window_months, day)
    facts.append(
        _("%(hours)s Stunden Juleica-Ausbildung (innerhalb von %(months)d Monaten).")
        % {"hours": _fmt(hours), "months": rule.training_window_months}
    )
    if hours < rule.min_training_hours:
        reasons.append(
            _("noch %(missing)s Stunden Ausbildung bis %(min)s Stunden")
            % {
                "missing": _fmt(rule.min_training_hours - hours),
                "min": _fmt(rule.min_training_hours),
            }
        )
    if rule.requires_first_aid and not [
        r for r in _trainings(person, {"first_aid"}) if r[0] <= day
    ]:
        reasons.append(_("ein Erste-Hilfe-Nachweis fehlt"))
    age = _age_reason(person, rule.min_age, day)
    if age:
        reasons.append(age)
    return Eligibility(eligible=not reasons, reasons=reasons, facts=facts, rule=rule)


def _juleica_renewal(person, card: Card, rule: JuleicaRule, day: dt.date) -> Eligibility:
    """A valid card is eligible as it is; an expired one needs the refresher hours since it was
    issued to be renewed."""
    reasons, facts = [], []
    valid = card.expires_on >= day
    until = card.expires_on.strftime("%d.%m.%Y")
    if valid:
        facts.append(_("Juleica gültig bis %(day)s.") % {"day": until})
    else:
        facts.append(_("Juleica abgelaufen am %(day)s.") % {"day": until})
    refresher = _refresher_hours(person, card, day)
    missing = rule.refresher_hours - refresher
    if missing <= 0:
        facts.append(
            _("Verlängerung möglich: %(h)s Stunden Fortbildung seit der Ausstellung.")
            % {"h": _fmt(refresher)}
        )
    elif valid:
        facts.append(
            _("Für die Verlängerung fehlen noch %(h)s Stunden Fortbildung.") % {"h": _fmt(missing)}
        )
    else:
        reasons.append(
            _("noch %(h)s Stunden Fortbildung für die Verlängerung") % {"h": _fmt(missing)}
        )
    return Eligibility(eligible=not reasons, reasons=reasons, facts=facts, rule=rule)


def _refresher_hours(person, card: Card, day: dt.date) -> Decimal:
    return sum(
        (h for d, h, _t in _trainings(person, {"juleica_refresher"}) if card.issued_on <= d <= day),
        Decimal(0),
    )


def juleica_renewable(person, card: Card, day: dt.date) -> bool:
    return _refresher_hours(person, card, day) >= JuleicaRule.valid_on(day).refresher_hours
