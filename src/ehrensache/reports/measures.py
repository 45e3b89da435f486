"""The figures the statistics show: key, German label, and how they add up.

``additive``: the measure's cells sum up over periods, fields and places (counts of
records); the others (distinct people, medians) do not, but suppression treats their totals
as sums all the same (the cautious reading). ``unit`` says what the number counts.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    group: str | Promise
    by_field: bool = True  # has figures per field of activity
    organization: bool = True  # an organization sees it for itself
    median: bool = False  # a median (days), shown only where its base count is shown


BROKERING = _("Beratung und Vermittlung")
ENGAGEMENT = _("Engagement")
QUALIFICATION = _("Qualifizierung")
ORGANIZATIONS = _("Einsatzstellen und Kooperation")

MEASURES = [
    Measure("conversations", _("Beratungsgespräche"), BROKERING, organization=False),
    Measure("referrals", _("Vermittlungen durch Anlaufstellen"), BROKERING),
    Measure("follow_ups_answered", _("Nachfragen „Hat es geklappt?“ beantwortet"), BROKERING),
    Measure("follow_ups_started", _("davon: Engagement begonnen"), BROKERING),
    Measure("interests", _("Interessen an Angeboten"), BROKERING),
    Measure("interests_answered", _("davon beantwortet"), BROKERING),
    Measure(
        "answer_days_median",
        _("Tage bis zur ersten Antwort (Median)"),
        BROKERING,
        median=True,
    ),
    Measure("engagements_started", _("Engagements begonnen"), ENGAGEMENT),
    Measure("engagements_ended", _("Engagements beendet"), ENGAGEMENT),
    Measure("active_volunteers", _("Aktive Freiwillige"), ENGAGEMENT),
    Measure("hours_verified", _("Bestätigte Stunden"), ENGAGEMENT),
    Measure("course_seats", _("Kursplätze"), QUALIFICATION, by_field=False),
    Measure(
        "course_participants", _("Teilnehmende (Platz bestätigt)"), QUALIFICATION, by_field=False
    ),
    Measure("certificates", _("Teilnahmebescheinigungen"), QUALIFICATION, by_field=False),
    Measure("teaching_units", _("Besuchte Unterrichtseinheiten"), QUALIFICATION, by_field=False),
    Measure("organizations_confirmed", _("Einsatzstellen bestätigt"), ORGANIZATIONS),
    Measure(
        "check_rounds_closed",
        _("Kooperations-Check: abgeschlossene Runden"),
        ORGANIZATIONS,
        by_field=False,
    ),
]
BY_KEY = {measure.key: measure for measure in MEASURES}
# The median's base: its cell is shown only where this count is shown.
MEDIAN_BASE = {"answer_days_median": "interests_answered"}
