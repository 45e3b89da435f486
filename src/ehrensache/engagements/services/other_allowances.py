"""Allowances a volunteer states from other payers, so the yearly limit warning is right.

§ 3 Nr. 26 and 26a EStG: the tax-free amounts hold per person and calendar year across
all payers. Organizations on the platform only see what they (and others who book here)
paid; the volunteer states what other payers paid in a year, and every warning counts it.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ehrensache.core.errors import Forbidden, InvalidInput

from ..models import AllowancePayment, OtherAllowance
from ._shared import _today

MAX_CENTS = 10_000_000  # 100,000 €: far above any tax-free amount, a typing-error bound


def other_allowance_years(today: date) -> list[int]:
    """The years a volunteer may state: the current one and the three before it."""
    return [today.year - offset for offset in range(4)]


def state_other_allowances(
    person: Any,
    *,
    year: int,
    amounts: dict[str, int | None],
    actor: Any,
    today: date | None = None,
) -> None:
    """Store the person's own statement for ``year`` (per kind; empty or 0 removes it)."""
    today = _today(today)
    if actor is None or actor.pk != person.pk:
        raise Forbidden(_("Diese Angabe kann nur die Person selbst machen."))
    if year not in other_allowance_years(today):
        raise InvalidInput(
            _("Angaben sind für das laufende Jahr und die drei Jahre davor möglich."),
            field="year",
        )
    for kind, cents in amounts.items():
        if kind not in AllowancePayment.Kind.values:
            raise InvalidInput(_("Bitte wählen Sie die Art der Pauschale."), field="kind")
        if cents is not None and not 0 <= cents <= MAX_CENTS:
            raise InvalidInput(_("Bitte geben Sie einen Betrag zwischen 0 und 100.000 € an."))
    with transaction.atomic():
        for kind, cents in amounts.items():
            if not cents:
                OtherAllowance.objects.filter(person=person, year=year, kind=kind).delete()
            else:
                OtherAllowance.objects.update_or_create(
                    person=person, year=year, kind=kind, defaults={"amount_cents": cents}
                )


def other_allowance_cents(person: Any, *, kind: str, year: int) -> int:
    row = OtherAllowance.objects.filter(person=person, kind=kind, year=year).first()
    return row.amount_cents if row else 0
