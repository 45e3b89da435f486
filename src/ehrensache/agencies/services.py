"""Writes to the agency directory. Every function checks the actor's permission itself."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from ehrensache.audit.services import log_action
from ehrensache.core.errors import InvalidInput
from ehrensache.core.permissions import require
from ehrensache.regions.models import District, PostalCode
from ehrensache.regions.queries import locate

from .models import Agency, AgencyServicePostalCode
from .signals import agency_renamed

# Fields agency staff may change; name and kind only the network (they decide what the
# directory promises to the public).
CONTACT_FIELDS = (
    "description",
    "street",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "opening_hours",
    "consultation_hours",
    "languages",
    "accessibility",
    "wheelchair_accessible",
)
IDENTITY_FIELDS = ("name", "kind")


def parse_postal_codes(text: str) -> list[str]:
    """'35037, 35039 35041' -> ['35037', '35039', '35041']; anything else raises InvalidInput."""
    tokens = [t for t in re.split(r"[\s,;]+", text or "") if t]
    wrong = [t for t in tokens if not re.fullmatch(r"\d{5}", t)]
    if wrong:
        raise InvalidInput(
            _("Keine gültigen Postleitzahlen: %(codes)s. Eine Postleitzahl hat fünf Ziffern.")
            % {"codes": ", ".join(wrong[:5])},
            field="service_postal_codes",
        )
    return sorted(set(tokens))


def _check_service_postal_codes(codes: list[str]) -> None:
    known = set(
        PostalCode.objects.filter(code__in=codes, is_large_customer=False).values_list(
            "code", flat=True
        )
    )
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InvalidInput(
            _("Diese Postleitzahlen kennen wir nicht: %(codes)s.")
            % {"codes": ", ".join(unknown[:5])},
            field="service_postal_codes",
        )


def update_agency(
    agency: Agency,
    *,
    changes: dict,
    service_districts: list[District] | None = None,
    service_postal_codes: list[str] | None = None,
    actor,
) -> Agency:
    """Change an agency's entry and service area; the address decides district and coordinates.

    ``changes`` maps field names to new values; name and kind need network staff.
    """
    require(actor, "agencies.change_agency", agency)
    if set(changes) - set(CONTACT_FIELDS):
        require(actor, "agencies.change_agency_identity", agency)
    unknown = set(changes) - set(CONTACT_FIELDS) - set(IDENTITY_FIELDS)
    if unknown:
        raise InvalidInput(_("Unbekannte Felder: %s") % ", ".join(sorted(unknown)))

    if service_postal_codes is not None:
        _check_service_postal_codes(service_postal_codes)

    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        old_name = agency.name
        new_code = changes.get("postal_code", agency.postal_code)
        location = None
        if new_code != agency.postal_code or agency.latitude is None:
            location = locate(new_code)
        for name, value in changes.items():
            setattr(agency, name, value)
        if location is not None:
            agency.district = location.district
            agency.latitude = location.latitude
            agency.longitude = location.longitude
        agency.full_clean(exclude=["slug"])
        agency.save()
        if agency.name != old_name:
            agency_renamed.send(sender=Agency, agency=agency)
        if service_districts is not None:
            agency.service_districts.set(service_districts)
        log_action(
            agency,
            "agencies.agency.changed",
            actor=actor,
            agency_id=agency.pk,
            data={
                "fields": sorted(changes),
                "service_area_changed": service_districts is not None
                or service_postal_codes is not None,
            },
        )
        if service_postal_codes is not None:
            agency.service_postal_codes.exclude(code__in=service_postal_codes).delete()
            existing = set(agency.service_postal_codes.values_list("code", flat=True))
            AgencyServicePostalCode.objects.bulk_create(
                [
                    AgencyServicePostalCode(agency=agency, code=code)
                    for code in service_postal_codes
                    if code not in existing
                ]
            )
    return agency
