"""Engagementnachweise on the shared check page ``/verify/<code>/``
(see ``ehrensache.courses.verification``): name, organization and period, nothing more."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ehrensache.courses.verification import VerifiedDocument, register

from .models import EngagementProof


@register
def resolve_engagement_proof(code: str) -> VerifiedDocument | None:
    proof = (
        EngagementProof.objects.filter(verification_code=code, status=EngagementProof.Status.ISSUED)
        .only("person_name", "organization_name", "period_start", "period_end", "verification_code")
        .first()
    )
    if proof is None:
        return None
    start = date_format(proof.period_start, "d.m.Y") if proof.period_start else "…"
    end = date_format(proof.period_end, "d.m.Y") if proof.period_end else "…"
    return VerifiedDocument(
        kind=_("Engagementnachweis"),
        summary=_("Echt: %(name)s war von %(start)s bis %(end)s bei %(org)s engagiert.")
        % {"name": proof.person_name, "start": start, "end": end, "org": proof.organization_name},
        facts=[
            (_("Name"), proof.person_name),
            (_("Einsatzstelle"), proof.organization_name),
            (_("Zeitraum"), _("%(start)s bis %(end)s") % {"start": start, "end": end}),
        ],
    )
