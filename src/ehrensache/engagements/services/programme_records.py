"""Records particular programmes need: FSJ/BFD seminar days, hospice supervision, trainings."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ehrensache.audit.services import log_action
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.permissions import require

from ..dated import rule_value
from ..models import (
    MINUTES_PER_DAY,
    Engagement,
    Programme,
    RuleKey,
    SeminarDay,
    SupervisionMeeting,
    TrainingRecord,
)
from ._audit import log_engagement
from ._shared import _today


def record_seminar_day(engagement: Engagement, *, date: date, title: str, actor, today=None):
    today = _today(today)
    require(actor, "engagements.manage_engagement", engagement)
    if engagement.programme not in (Programme.FSJ, Programme.BFD):
        raise DomainError(_("Seminartage gibt es nur im FSJ und im BFD."))
    if date > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="date")
    if engagement.seminar_days.filter(date=date).exists():
        raise InvalidInput(_("Für diesen Tag ist schon ein Seminartag erfasst."), field="date")
    with transaction.atomic():
        day = SeminarDay.objects.create(
            engagement=engagement, date=date, title=(title or "").strip()[:200] or _("Seminar")
        )
        log_engagement(
            engagement, "engagements.seminar_day.recorded", actor=actor, data={"date": date}
        )
    return day


def record_supervision(engagement: Engagement, *, date: date, minutes: int, actor, today=None):
    today = _today(today)
    require(actor, "engagements.manage_engagement", engagement)
    if engagement.programme != Programme.HOSPICE:
        raise DomainError(_("Supervisionen werden für die Hospizbegleitung erfasst."))
    if date > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="date")
    if not minutes or minutes <= 0 or minutes > MINUTES_PER_DAY:
        raise InvalidInput(
            _("Bitte geben Sie eine Dauer zwischen 1 Minute und 24 Stunden an."), field="minutes"
        )
    with transaction.atomic():
        meeting = SupervisionMeeting.objects.create(
            engagement=engagement, date=date, minutes=minutes, recorded_by=actor
        )
        log_engagement(
            engagement,
            "engagements.supervision.recorded",
            actor=actor,
            data={"date": date, "minutes": minutes},
        )
    return meeting


def record_training(
    organization,
    *,
    person,
    kind: str,
    title: str,
    provider: str,
    completed_on: date,
    teaching_units,
    actor,
    today=None,
) -> TrainingRecord:
    """A coordinator records a training seen on a certificate (e.g. another provider's
    hospice preparation course). Only for people engaged with the organization."""
    today = _today(today)
    require(actor, "engagements.manage_organization", organization)
    if not Engagement.objects.filter(organization=organization, volunteer=person).exists() and not (
        person.interests.filter(opportunity__organization=organization).exists()
    ):
        raise DomainError(_("Diese Person hat kein Engagement und kein Interesse bei Ihnen."))
    if completed_on > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="completed_on")
    if teaching_units is None or teaching_units <= 0:
        raise InvalidInput(
            _("Bitte geben Sie die Unterrichtseinheiten an."), field="teaching_units"
        )
    if kind == TrainingRecord.Kind.INTEGRATION_BASIC:
        low = rule_value(RuleKey.WIR_BASIC_MIN_UNITS, on=completed_on)
        high = rule_value(RuleKey.WIR_BASIC_MAX_UNITS, on=completed_on)
        if not low <= teaching_units <= high:
            raise InvalidInput(
                _("Eine Basisqualifizierung umfasst %(low)s bis %(high)s Unterrichtseinheiten.")
                % {"low": low, "high": high},
                field="teaching_units",
            )
    if not (title or "").strip() or not (provider or "").strip():
        raise InvalidInput(_("Bitte geben Sie Titel und Anbieter an."), field="title")
    with transaction.atomic():
        record = TrainingRecord.objects.create(
            person=person,
            organization=organization,
            kind=kind,
            title=title.strip()[:200],
            provider=provider.strip()[:200],
            completed_on=completed_on,
            teaching_units=teaching_units,
            recorded_by=actor,
        )
        log_action(
            record,
            "engagements.training.recorded",
            actor=actor,
            person=person,
            object_repr=record.title,
            data={"training_kind": kind, "completed_on": completed_on},
        )
    return record
