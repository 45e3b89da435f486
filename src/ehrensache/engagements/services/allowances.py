"""Allowances (Übungsleiter-/Ehrenamtspauschale) with their legal basis and yearly limit."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import require
from ehrensache.core.text import fold

from ..dated import euro, rule_value
from ..models import AllowancePayment, Engagement, RuleKey
from ._audit import log_engagement
from ._shared import _today
from .other_allowances import other_allowance_cents

LEGAL_BASIS = {
    AllowancePayment.Kind.UEBUNGSLEITER: "§ 3 Nr. 26 EStG",
    AllowancePayment.Kind.EHRENAMT: "§ 3 Nr. 26a EStG",
}
LIMIT_RULE = {
    AllowancePayment.Kind.UEBUNGSLEITER: RuleKey.UEBUNGSLEITER_LIMIT,
    AllowancePayment.Kind.EHRENAMT: RuleKey.EHRENAMT_LIMIT,
}


@dataclass(frozen=True)
class AllowanceResult:
    payment: AllowancePayment
    warnings: list[str]


def allowance_year_total(volunteer, *, kind: str, year: int, organization_id: int) -> int:
    """This organization's payments, the ones the volunteer shares from other ones here, and
    what the volunteer states to have received from payers outside (``OtherAllowance``)."""
    booked = (
        AllowancePayment.objects.filter(engagement__volunteer=volunteer, kind=kind, year=year)
        .filter(
            Q(engagement__organization_id=organization_id) | Q(shared_with_other_organizations=True)
        )
        .aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    return booked + other_allowance_cents(volunteer, kind=kind, year=year)


def record_allowance(
    engagement: Engagement,
    *,
    kind: str,
    activity: str,
    amount_cents: int,
    paid_on: date,
    actor,
    shared: bool = False,
    today: date | None = None,
) -> AllowanceResult:
    """Book a paid allowance with its legal basis; warn when the year's limit is exceeded.

    Refused: both kinds of allowance for the same activity in the same year; amounts of
    zero or less; payments in the future.
    """
    today = _today(today)
    require(actor, "engagements.manage_engagement", engagement)
    activity = (activity or "").strip()
    if kind not in LEGAL_BASIS:
        raise InvalidInput(_("Bitte wählen Sie die Art der Pauschale."), field="kind")
    if not activity:
        raise InvalidInput(_("Bitte geben Sie die Tätigkeit an."), field="activity")
    if amount_cents is None or amount_cents <= 0:
        raise InvalidInput(_("Bitte geben Sie einen Betrag größer als null an."), field="amount")
    if paid_on > today:
        raise InvalidInput(_("Die Auszahlung liegt in der Zukunft."), field="paid_on")
    year = paid_on.year
    limit = rule_value(LIMIT_RULE[kind], on=date_for_year(year))
    volunteer = engagement.volunteer
    with transaction.atomic():
        lock_row(get_user_model(), volunteer.pk)
        other_kind = [k for k in LEGAL_BASIS if k != kind][0]
        same_activity = [
            p
            for p in AllowancePayment.objects.filter(
                engagement__volunteer=volunteer, year=year, kind=other_kind
            ).filter(engagement__organization_id=engagement.organization_id)
            if fold(p.activity) == fold(activity)
        ]
        if same_activity:
            raise DomainError(
                _(
                    "Für „%(activity)s“ wurde %(year)s schon die %(other)s gezahlt. Für dieselbe "
                    "Tätigkeit können nicht beide Pauschalen in Anspruch genommen werden."
                )
                % {
                    "activity": activity,
                    "year": year,
                    "other": AllowancePayment.Kind(other_kind).label,
                },
                field="kind",
            )
        before = allowance_year_total(
            volunteer, kind=kind, year=year, organization_id=engagement.organization_id
        )
        payment = AllowancePayment.objects.create(
            engagement=engagement,
            kind=kind,
            activity=activity[:200],
            amount_cents=amount_cents,
            paid_on=paid_on,
            year=year,
            legal_basis=LEGAL_BASIS[kind],
            shared_with_other_organizations=shared,
            recorded_by=actor,
        )
        log_engagement(
            engagement,
            "engagements.allowance.recorded",
            actor=actor,
            data={"kind": kind, "year": year, "amount_cents": amount_cents},
        )
        warnings = []
        total = before + amount_cents
        if total > limit:
            message = _(
                "Achtung: Mit dieser Zahlung erhält %(person)s %(year)s insgesamt %(total)s als "
                "%(kind)s – mehr als der steuerfreie Betrag von %(limit)s für %(year)s. Der "
                "übersteigende Teil ist steuerpflichtig."
            ) % {
                "person": volunteer,
                "year": year,
                "total": euro(total),
                "kind": AllowancePayment.Kind(kind).label,
                "limit": euro(limit),
            }
            warnings.append(message)
            queue_mail(
                "engagements/mail/allowance_limit",
                {
                    "volunteer": volunteer,
                    "organization": engagement.organization,
                    "year": year,
                    "total": euro(total),
                    "limit": euro(limit),
                    "kind": AllowancePayment.Kind(kind).label,
                },
                to=volunteer.email,
                language=volunteer.preferred_language,
            )
    return AllowanceResult(payment=payment, warnings=warnings)


def date_for_year(year: int) -> date:
    return date(year, 12, 31)
