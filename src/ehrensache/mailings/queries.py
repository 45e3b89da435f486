"""Scoped reads for group messages; each costs a fixed number of queries."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from ehrensache.accounts.roles import roles_of
from ehrensache.core.text import parse_id

from .models import Delivery, Mailing, OptOut, SenderKind, Template


def _sender_filter(user: Any) -> Q:
    roles = roles_of(user)
    q = Q(sender_kind=SenderKind.ORGANIZATION, sender_id__in=list(roles.organization_ids))
    q |= Q(sender_kind=SenderKind.AGENCY, sender_id__in=list(roles.agency_ids))
    states = roles.network_state_ids
    if None in states:
        q |= Q(sender_kind=SenderKind.NETWORK)
    elif states:
        q |= Q(sender_kind=SenderKind.NETWORK, sender_id__in=list(states))
    return q


def mailings_visible_to(user: Any, *, sender: str = "") -> QuerySet[Mailing]:
    """Mailings of every sender the person works for, newest first, with status counts;
    ``sender`` ("organization:5") narrows to one."""
    qs = Mailing.objects.filter(_sender_filter(user))
    kind, _sep, sender_id = sender.partition(":")
    if kind in SenderKind.values and parse_id(sender_id):
        qs = qs.filter(sender_kind=kind, sender_id=parse_id(sender_id))
    return qs.annotate(**status_counts()).order_by("-created_at", "-pk")


def status_counts() -> dict:
    return {
        f"n_{status}": Count("deliveries", filter=Q(deliveries__status=status))
        for status in Delivery.Status.values
    }


def senders_of(user: Any) -> list[tuple[str, str]]:
    """``[("organization:5", "Tafel e.V."), …]``: senders with mailings or templates."""
    q = _sender_filter(user)
    seen: dict[str, str] = {}
    for model in (Mailing, Template):
        for kind, sender_id, name in (
            model.objects.filter(q)
            .order_by()
            .values_list("sender_kind", "sender_id", "sender_name")
            .distinct()
        ):
            seen.setdefault(f"{kind}:{sender_id}", name)
    return sorted(seen.items(), key=lambda item: item[1])


def templates_visible_to(user: Any) -> QuerySet[Template]:
    return Template.objects.filter(_sender_filter(user)).order_by("sender_name", "name", "pk")


def templates_of(sender_kind: str, sender_id: int) -> QuerySet[Template]:
    return Template.objects.filter(sender_kind=sender_kind, sender_id=sender_id).order_by(
        "name", "pk"
    )


def deliveries_of(mailing: Mailing) -> QuerySet[Delivery]:
    return mailing.deliveries.order_by("name", "pk").only(
        "pk", "name", "status", "sent_at", "mailing_id"
    )


def opt_outs_of(person: Any) -> QuerySet[OptOut]:
    return OptOut.objects.filter(person=person).order_by("sender_name", "pk")
