"""schema.org structured data for an opportunity page.

schema.org has no type for volunteer positions; Google and the Federal Employment Agency read
``JobPosting`` with ``employmentType: VOLUNTEER``, so that is what we publish. Texts are plain
(tags removed by nh3) and the JSON is escaped for embedding in a ``<script>`` element.
"""

import json

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe


def _plain(text: str) -> str:
    return nh3.clean(text or "", tags=set()).strip()


def opportunity_jsonld(opportunity) -> dict:
    org = opportunity.organization
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": _plain(opportunity.title),
        "description": _plain(
            "\n\n".join(
                filter(None, [opportunity.summary, opportunity.description, opportunity.tasks])
            )
        ),
        "employmentType": "VOLUNTEER",
        "identifier": {
            "@type": "PropertyValue",
            "name": "Ehrensache",
            "value": str(opportunity.pk),
        },
        "url": settings.SITE_URL + opportunity.get_absolute_url(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": _plain(org.name),
            **({"sameAs": org.website} if org.website else {}),
        },
        "industry": opportunity.get_field_display(),
        "totalJobOpenings": opportunity.people_wanted,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {"@type": "QuantitativeValue", "value": 0, "unitText": "HOUR"},
        },
    }
    if opportunity.published_at:
        data["datePosted"] = opportunity.published_at.date().isoformat()
    if opportunity.expires_on:
        data["validThrough"] = opportunity.expires_on.isoformat()
    if opportunity.on_site and opportunity.postal_code:
        place = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "postalCode": opportunity.postal_code,
                "addressLocality": _plain(opportunity.city),
                "addressCountry": "DE",
                **({"streetAddress": _plain(opportunity.street)} if opportunity.street else {}),
            },
        }
        if opportunity.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": opportunity.latitude,
                "longitude": opportunity.longitude,
            }
        data["jobLocation"] = place
    if opportunity.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "DE"}
    return data


def as_script_json(data: dict) -> str:
    """JSON safe inside <script type="application/ld+json"> (no <, >, & unescaped)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above
