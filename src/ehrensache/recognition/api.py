"""Recognition API: a person's own eligibility and proofs; coordinators' release requests."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import django_auth

from ehrensache.core.errors import NotFound
from ehrensache.core.schemas import errors

from . import eligibility, queries

router = Router(tags=["recognition"], auth=django_auth)


class ProofOut(Schema):
    id: int
    organization: str
    status: str
    verification_code: str | None
    issued_at: datetime | None


class ReleaseOut(Schema):
    id: int
    organization: str
    leader: str
    event_title: str
    first_day: date
    last_day: date
    half_days: int
    status: str


class EligibilityOut(Schema):
    issuer: str
    eligible: bool
    reasons: list[str]
    facts: list[str]


@router.get("/proofs", response=list[ProofOut], summary="Sichtbare Engagementnachweise")
def proofs(request):
    return [
        {
            "id": p.pk,
            "organization": p.organization.name,
            "status": p.status,
            "verification_code": p.verification_code if p.status == "issued" else None,
            "issued_at": p.issued_at,
        }
        for p in queries.proofs_visible_to(request.user)[:200]
    ]


@router.get(
    "/release-requests",
    response=list[ReleaseOut],
    summary="Freistellungsanträge der eigenen Einsatzstellen",
)
def release_requests(request):
    return [
        {
            "id": r.pk,
            "organization": r.organization.name,
            "leader": str(r.leader),
            "event_title": r.event_title,
            "first_day": r.first_day,
            "last_day": r.last_day,
            "half_days": r.half_days,
            "status": r.status,
        }
        for r in queries.release_requests_visible_to(request.user).order_by("-first_day", "-pk")[
            :200
        ]
    ]


@router.get(
    "/ecard-eligibility",
    response={200: EligibilityOut, **errors(404)},
    summary="Meine Voraussetzungen für die Ehrenamts-Card",
)
def ecard_eligibility(request):
    today = timezone.localdate()
    rule = eligibility.ecard_rule_for(request.user, today)
    if rule is None:
        raise NotFound(_("Für Ihren Wohnort ist keine Ausgabestelle hinterlegt."))
    result = eligibility.ecard_eligibility(request.user, rule, today)
    return {
        "issuer": rule.issuer_name,
        "eligible": result.eligible,
        "reasons": result.reasons,
        "facts": result.facts,
    }
